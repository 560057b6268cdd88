package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.Scenario.pick;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A user's new API key is rejected with 401. An agent whose prompt only says "ask them to check the key" repeats
 * that advice while the user says again and again that the key still fails, until they give up; a prompt with a
 * step-by-step setup walkthrough gets the key working.
 */
final class ApiKeyScenario implements Scenario {

    static final double SUCCESS_WITHOUT_WALKTHROUGH = 0.15;
    static final double SUCCESS_WITH_WALKTHROUGH = 0.9;
    static final double PARTING_WORDS = 0.6;

    private static final List<String> REQUESTS = List.of(
            "My API key keeps failing with 401 Unauthorized when I call the conversations endpoint.",
            "I created an API key but every request returns 401 unauthorized.",
            "Getting a 401 error with my new API key, what am I doing wrong?",
            "The API rejects my API key with 401 Unauthorized even though I just made it.");
    private static final List<String> CHECK_THE_KEY = List.of(
            "A 401 means the key is not valid. Please check that your API key is correct.",
            "Please make sure you copied the API key correctly and try again.",
            "Double-check that the API key is correct and was not mistyped.");
    private static final List<String> STILL_FAILS = List.of(
            "As I said, my API key still fails with 401.",
            "I already told you, I copied it exactly and it still returns 401.",
            "Like I mentioned, the key is correct and I still get 401 Unauthorized.");
    private static final List<String> CHECK_AGAIN = List.of(
            "Please check again that the API key is correct and has no extra spaces.",
            "If the key is correct, the request should work. Please verify the API key and try once more.");
    private static final List<String> PARTING = List.of(
            "I said it still fails. This is going nowhere.",
            "This is really frustrating, never mind.");
    private static final List<String> WORKS = List.of(
            "Ok, the new key with conversations:read works now, thanks!",
            "That worked, the /v1/me call returns my workspace.",
            "Got it, it works now with the new key.");
    private static final List<String> CLOSINGS = List.of("No, that's all.", "No thanks, all good.");

    @Override
    public Script write(AgentProfile agent, RandomGenerator random) {
        Script.Builder script = new Script.Builder("My API key returns 401.").user(pick(random, REQUESTS));
        double success = agent.walksThroughKeySetup() ? SUCCESS_WITH_WALKTHROUGH : SUCCESS_WITHOUT_WALKTHROUGH;
        if (random.nextDouble() < success) {
            return script
                    .agent("Let's go through it step by step: 1. open Settings → API keys and create a new key with"
                            + " the `conversations:read` permission; 2. put it in the `RELAY_API_KEY` environment"
                            + " variable, without quotes or spaces; 3. send it in the `Authorization` header after"
                            + " the word Bearer; 4. call the /v1/me endpoint, which should return your workspace. If"
                            + " the key is still rejected it may be expired or revoked, so create a new one.")
                    .user(pick(random, WORKS))
                    .agent("Glad it's working. Anything else I can help with?")
                    .user(pick(random, CLOSINGS))
                    .end(Script.Ending.RESOLVED);
        }
        script.agent(pick(random, CHECK_THE_KEY))
                .user(pick(random, STILL_FAILS))
                .agent(pick(random, CHECK_AGAIN));
        if (random.nextDouble() < PARTING_WORDS) {
            script.user(pick(random, PARTING));
        }
        return script.end(Script.Ending.ABANDONED);
    }
}
