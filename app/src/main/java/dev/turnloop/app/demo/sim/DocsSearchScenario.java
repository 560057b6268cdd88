package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.Scenario.pick;

import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Questions about webhooks, answered from the docs through the {@code search_docs} tool. The docs index is slow
 * (log-normal latency, median {@value #MEDIAN_LATENCY_MS} ms): under the harness's timeout most attempts time out,
 * the user waits, the agent gives up and the user leaves. A larger timeout in the harness lets the searches finish.
 */
final class DocsSearchScenario implements Scenario {

    /** Median latency of the docs index; the shipped harness allows 2000 ms, so most attempts time out. */
    static final long MEDIAN_LATENCY_MS = 2800;
    /** Spread of the latency (sigma of its logarithm): p10 about 1900 ms, p90 about 4100 ms. */
    static final double LATENCY_SIGMA = 0.3;
    /** Users who get an answer are nearly always content with it. */
    static final double ANSWER_HELPS = 0.95;
    static final double PARTING_WORDS = 0.5;

    private static final List<String> QUESTIONS = List.of(
            "How do I set up a webhook for new conversations?",
            "Where do the docs explain how to set up webhooks?",
            "How can I set up a webhook that sends new conversations to my server?",
            "Can you find the docs on setting up a webhook?");
    private static final List<String> WAITING = List.of(
            "Still waiting... is it working?",
            "Is the search timing out? It's taking too long.",
            "Hello? Still waiting for an answer.");
    private static final List<String> PARTING = List.of(
            "This is taking too long, I'll look it up myself.",
            "Forget it.");
    private static final List<String> THANKS = List.of(
            "Perfect, that's exactly what I needed, thanks!",
            "That worked, thank you!");
    private static final String ANSWER = "Here's how: open Settings → Webhooks, click **Add endpoint**, enter your"
            + " server's URL and pick the `conversation.closed` event. The docs article 'Webhooks' also shows how to"
            + " check the signature header.";

    @Override
    public Script write(AgentProfile agent, RandomGenerator random) {
        Script.Builder script = new Script.Builder("I'm asking about webhooks.").user(pick(random, QUESTIONS));
        List<ToolCall> first = search(agent, random);
        if (succeeded(first)) {
            return answered(script.agent(ANSWER, first), random);
        }
        script.agent("The documentation search is taking longer than expected. Let me try once more.", first)
                .user(pick(random, WAITING));
        List<ToolCall> second = search(agent, random);
        if (succeeded(second)) {
            return answered(script.agent("Found it. " + ANSWER, second), random);
        }
        script.agent("Sorry, the search timed out again and I couldn't find the webhook guide right now.", second);
        if (random.nextDouble() < PARTING_WORDS) {
            script.user(pick(random, PARTING));
        }
        return script.end(Script.Ending.ABANDONED);
    }

    private static Script answered(Script.Builder script, RandomGenerator random) {
        if (random.nextDouble() >= ANSWER_HELPS) {
            return script.end(Script.Ending.ABANDONED);
        }
        return script.user(pick(random, THANKS)).end(Script.Ending.RESOLVED);
    }

    /** The tool calls of one search: attempts until one finishes within the timeout, at most the harness allows. */
    private static List<ToolCall> search(AgentProfile agent, RandomGenerator random) {
        List<ToolCall> calls = new ArrayList<>();
        for (int attempt = 0; attempt < agent.searchAttempts(); attempt++) {
            long latency = Math.round(MEDIAN_LATENCY_MS * Math.exp(LATENCY_SIGMA * random.nextGaussian()));
            boolean timedOut = latency > agent.searchTimeoutMs();
            calls.add(ToolCall.newBuilder()
                    .setName(AgentProfile.SEARCH_TOOL)
                    .setStatus(timedOut ? ToolStatus.TIMEOUT : ToolStatus.OK)
                    .setLatencyMs(timedOut ? agent.searchTimeoutMs() : latency)
                    .setError(timedOut ? "timed out after " + agent.searchTimeoutMs() + " ms" : null)
                    .build());
            if (!timedOut) {
                break;
            }
        }
        return calls;
    }

    private static boolean succeeded(List<ToolCall> calls) {
        return !calls.isEmpty() && calls.get(calls.size() - 1).getStatus() == ToolStatus.OK;
    }
}
