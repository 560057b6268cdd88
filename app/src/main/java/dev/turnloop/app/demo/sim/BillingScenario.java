package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.Scenario.pick;

import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Billing questions, which the agent has no capability for: its prompt says to refuse them, so it dead-ends and the
 * user leaves. A prompt that says not to stop at a refusal makes it hand the user to the billing team (escalated,
 * not abandoned); only a billing tool in the harness that the prompt routes to lets it answer.
 */
final class BillingScenario implements Scenario {

    /** A routed billing tool answers most questions; the rest still need the billing team. */
    static final double RESOLVED_BY_TOOL = 0.9;

    /** A billing question and what the billing tool finds for it. */
    private record Question(String text, String answer) {
    }

    private static final List<Question> QUESTIONS = List.of(
            new Question("Why was I charged twice on my last invoice?",
                    "the second charge was a duplicate, and I've refunded it. You'll see it on your card within"
                            + " 5 days."),
            new Question("I was charged twice this month, can you check my invoice?",
                    "the renewal went through twice on the 1st; I've refunded the duplicate charge."),
            new Question("My invoice shows a double charge, why was I billed twice?",
                    "the double charge is the prorated cost of two seats added on the 12th plus the renewal; I've"
                            + " sent the itemised invoice to your billing email."),
            new Question("I got charged two times for my subscription on the last invoice.",
                    "one of the two charges was a failed payment retried by the bank, and I've refunded it."));
    private static final List<String> REFUSALS = List.of(
            "I'm sorry, but I can't help with billing questions.",
            "Unfortunately I can't access billing or invoices.",
            "Sorry, I am not able to help with billing or invoices.");
    private static final List<String> WHO_THEN = List.of(
            "So who can help me with my invoice then?",
            "Then how do I get this sorted out?",
            "Is there anyone who can look at my billing?");
    private static final List<String> REFUSED_AGAIN = List.of(
            "I'm afraid I don't have access to billing information.",
            "I can't help with that, billing questions are outside what I can do.");
    private static final List<String> YES = List.of("Yes please.", "Yes, please do.", "Sure.");
    private static final List<String> THANKS = List.of(
            "Thanks, that's exactly what I needed.",
            "Great, thank you!");

    @Override
    public Script write(AgentProfile agent, RandomGenerator random) {
        Question question = pick(random, QUESTIONS);
        Script.Builder script = new Script.Builder("I have a billing question.").user(question.text());
        if (agent.billingTool() != null && random.nextDouble() < RESOLVED_BY_TOOL) {
            ToolCall lookup = ToolCall.newBuilder().setName(agent.billingTool()).setStatus(ToolStatus.OK)
                    .setLatencyMs(400 + random.nextInt(600)).setError(null).build();
            return script.agent("I looked at your account: " + question.answer(), lookup)
                    .user(pick(random, THANKS))
                    .end(Script.Ending.RESOLVED);
        }
        if (agent.billingTool() != null || agent.handsOffInsteadOfRefusing()) {
            return script
                    .agent("I can't see invoices from here, but our billing team can sort this out. Would you like"
                            + " me to connect you with them?")
                    .user(pick(random, YES))
                    .agent("I'm transferring you to a billing specialist now; they will be with you shortly.")
                    .humanAgent("Hi, this is Sam from the billing team. I'm looking at your account now.")
                    .end(Script.Ending.ESCALATED);
        }
        return script.agent(pick(random, REFUSALS))
                .user(pick(random, WHO_THEN))
                .agent(pick(random, REFUSED_AGAIN))
                .end(Script.Ending.ABANDONED);
    }
}
