package dev.turnloop.app.demo.sim;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.TurnEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Test helpers: drive a simulator with a fake clock, and rates over summaries. */
final class SimTraffic {

    static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
    static final Duration TICK = Duration.ofMillis(100);

    private SimTraffic() {
    }

    /** Ticks from {@code start} for {@code duration}, then stops arrivals and ticks until every conversation ended. */
    static List<TurnEvent> play(AgentSimulator simulator, Instant start, Duration duration) {
        List<TurnEvent> turns = new ArrayList<>();
        Instant now = start;
        for (Instant end = start.plus(duration); now.isBefore(end); now = now.plus(TICK)) {
            turns.addAll(simulator.tick(now));
        }
        simulator.stopNewConversations();
        for (int guard = 0; simulator.openConversations() > 0 && guard < 100_000; guard++) {
            now = now.plus(TICK);
            turns.addAll(simulator.tick(now));
        }
        return turns;
    }

    /** A simulator of only {@code scenario}, on {@code commit} of the repository. */
    static AgentSimulator only(SimScenario scenario, Path repository, String commit, long seed) {
        return new AgentSimulator(new AgentVersions(repository), commit, SimulatorSettings.defaults()
                .withMix(Map.of(scenario, 1.0)).withSeed(seed));
    }

    static double share(List<ConversationSummary> summaries, Predicate<ConversationSummary> which) {
        return summaries.isEmpty() ? Double.NaN
                : summaries.stream().filter(which).count() / (double) summaries.size();
    }

    static double rate(List<ConversationSummary> summaries, Outcome outcome) {
        return share(summaries, s -> s.getOutcome() == outcome);
    }

    static Map<Outcome, Long> outcomes(List<ConversationSummary> summaries) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        summaries.forEach(s -> counts.merge(s.getOutcome(), 1L, Long::sum));
        return counts;
    }
}
