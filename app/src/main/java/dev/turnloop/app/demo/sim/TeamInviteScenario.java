package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.Scenario.pick;

import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A healthy intent: inviting a teammate, which the agent does with the {@code create_invite} tool after the user
 * confirms. It rarely fails, so it shows what a change does to an intent that had no problem.
 */
final class TeamInviteScenario implements Scenario {

    /** The invite tool fails now and then (mail server hiccups). */
    static final double TOOL_FAILURE = 0.05;

    private static final List<String> REQUESTS = List.of(
            "How do I invite a teammate to my workspace?",
            "How can I invite a colleague to our workspace?",
            "I want to invite a coworker to my workspace.",
            "Can I invite a new teammate to our Relay workspace?");
    private static final List<String> NAMES = List.of("alex", "sam", "priya", "jordan", "mei", "tomas");
    private static final List<String> ROLES = List.of("agent", "admin", "viewer");
    private static final List<String> GO_AHEAD = List.of("Yes, go ahead.", "Yes please.", "Sure, send it.");
    private static final List<String> CLOSINGS = List.of("No, thanks!", "No, that's all. Thank you!");

    @Override
    public Script write(AgentProfile agent, RandomGenerator random) {
        String email = pick(random, NAMES) + "@example.com";
        String role = pick(random, ROLES);
        Script.Builder script = new Script.Builder("I want to invite a teammate.")
                .user(pick(random, REQUESTS))
                .agent("You can do it under Settings → Members → **Invite**, or I can send the invitation for you."
                        + " What's their email address, and should they be an admin, agent or viewer?")
                .user("Their email is " + email + ", make them " + (role.startsWith("a") ? "an " : "a ") + role
                        + ".")
                .agent("Just to confirm: invite " + email + " as " + role + ". Shall I go ahead?")
                .user(pick(random, GO_AHEAD));
        boolean fails = random.nextDouble() < TOOL_FAILURE;
        ToolCall invite = ToolCall.newBuilder().setName("create_invite")
                .setStatus(fails ? ToolStatus.ERROR : ToolStatus.OK).setLatencyMs(300 + random.nextInt(500))
                .setError(fails ? "smtp relay unavailable" : null).build();
        if (fails) {
            return script.agent("Sorry, something went wrong and I couldn't send the invitation. Please try again"
                    + " later from Settings → Members.", invite).end(Script.Ending.ABANDONED);
        }
        return script.agent("Done! The invitation has been sent to " + email + ". Anything else I can help with?",
                        invite)
                .user(pick(random, CLOSINGS))
                .end(Script.Ending.RESOLVED);
    }
}
