package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.Scenario.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a high sampling temperature does to any conversation: the agent's first answer goes off topic (a confident
 * answer to a question nobody asked), the user has to correct it, and some users leave right there. The chance grows
 * linearly above a temperature of {@value #SAFE_TEMPERATURE}, from a small floor to half of all conversations at 1.5.
 */
final class SamplingDerailment {

    /** At or below this temperature answers stay on topic except for the floor. */
    static final double SAFE_TEMPERATURE = 0.3;
    static final double FLOOR = 0.02;
    static final double PER_DEGREE = 0.4;
    static final double CEILING = 0.6;
    /** Users who leave after an off-topic answer instead of correcting it and carrying on. */
    static final double LEAVE_AFTER_CORRECTION = 0.5;

    private static final List<String> OFF_TOPIC = List.of(
            "To reset your password, click **Forgot password** on the sign-in page and follow the link in the email.",
            "Relay Enterprise includes unlimited seats, a 99.99% uptime SLA and a dedicated success manager.",
            "You can export all conversations as CSV under Reports → Export.",
            "Sure! Our Zendesk integration syncs tickets every 5 minutes in both directions.");

    private SamplingDerailment() {
    }

    static double probability(double temperature) {
        double p = FLOOR + PER_DEGREE * Math.max(0, temperature - SAFE_TEMPERATURE);
        return Math.min(CEILING, p);
    }

    /** {@code script}, derailed after the user's first turn with the chance {@link #probability} gives. */
    static Script apply(Script script, double temperature, RandomGenerator random) {
        if (random.nextDouble() >= probability(temperature)) {
            return script;
        }
        Script.Builder derailed = new Script.Builder(script.restatement())
                .user(script.turns().get(0).text())
                .agent(pick(random, OFF_TOPIC))
                .user("That's not what I asked. " + script.restatement());
        if (random.nextDouble() < LEAVE_AFTER_CORRECTION) {
            return derailed.end(Script.Ending.ABANDONED);
        }
        List<Script.Turn> turns = new ArrayList<>(derailed.end(script.ending()).turns());
        turns.addAll(script.turns().subList(1, script.turns().size()));
        return new Script(turns, script.ending(), script.restatement());
    }
}
