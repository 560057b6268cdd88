package dev.turnloop.app.demo.sim;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How much synthetic traffic the simulator makes and of what kind.
 *
 * @param conversationsPerSecond new conversations per second of the clock passed to {@code tick}
 * @param turnGap typical pause before a user's turn (each varies by ±30%); the agent answers in about a third of
 *     it plus the time its tools take
 * @param mix relative weight of each scenario among new conversations
 * @param users size of the user pool conversations are drawn from (each user keeps their plan and user type)
 * @param seed seeds every random choice, so a run with the same clock readings is repeatable
 */
public record SimulatorSettings(double conversationsPerSecond, Duration turnGap, Map<SimScenario, Double> mix,
                                int users, long seed) {

    public SimulatorSettings {
        if (!(conversationsPerSecond > 0) || turnGap.isNegative() || turnGap.isZero() || users < 1) {
            throw new IllegalArgumentException("need conversationsPerSecond > 0, a positive turnGap and users >= 1");
        }
        if (mix.values().stream().anyMatch(w -> !(w >= 0))
                || mix.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("scenario weights must be >= 0 and not all zero: " + mix);
        }
        mix = Collections.unmodifiableMap(new EnumMap<>(mix));
    }

    /**
     * Three conversations a second, two seconds between turns, and a mix led by the pasted-formatting problem: at 3/s
     * a minute holds about 72 of those, 54 invites, 22 API-key and 22 docs conversations and 11 billing questions, so
     * under the demo breach rules (40 a minute) the pasted-formatting intent breaches and the rarer problems wait for
     * more traffic.
     */
    public static SimulatorSettings defaults() {
        Map<SimScenario, Double> mix = new EnumMap<>(SimScenario.class);
        mix.put(SimScenario.SLACK_PASTE, 0.40);
        mix.put(SimScenario.TEAM_INVITE, 0.30);
        mix.put(SimScenario.API_KEY_SETUP, 0.12);
        mix.put(SimScenario.DOCS_SEARCH, 0.12);
        mix.put(SimScenario.BILLING_QUESTION, 0.06);
        return new SimulatorSettings(3.0, Duration.ofSeconds(2), mix, 400, 42);
    }

    public SimulatorSettings withConversationsPerSecond(double rate) {
        return new SimulatorSettings(rate, turnGap, mix, users, seed);
    }

    public SimulatorSettings withTurnGap(Duration gap) {
        return new SimulatorSettings(conversationsPerSecond, gap, mix, users, seed);
    }

    public SimulatorSettings withMix(Map<SimScenario, Double> weights) {
        return new SimulatorSettings(conversationsPerSecond, turnGap, weights, users, seed);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(conversationsPerSecond, turnGap, mix, users, newSeed);
    }
}
