package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.SimTraffic.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.breach.ThresholdRule;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimDemoMetricsSetupTest {

    /** Which scenario a request belongs to, from its words (the test's own reading, not the simulator's). */
    private static final Map<String, Pattern> SCENARIO_WORDS = Map.of(
            "slack", Pattern.compile("Slack"),
            "api-key", Pattern.compile("401"),
            "docs", Pattern.compile("webhook"),
            "billing", Pattern.compile("(?i)charge|bill|invoice|refund"),
            "invite", Pattern.compile("(?i)invite"));

    @TempDir
    Path folder;

    @Test
    void theDemoRulesWatchAComputedOneMinuteWindow() {
        // When
        BreachRules rules = DemoMetricsSetup.breachRules();

        // Then
        assertThat(rules.thresholds()).extracting(ThresholdRule::id)
                .containsExactly("abandonment-high", "escalation-high");
        assertThat(rules.thresholds()).allSatisfy(rule -> assertThat(rule.window()).isEqualTo("1m"));
        assertThat(DemoMetricsSetup.windows().get(0).size()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void atDefaultTrafficThePastedFormattingScenarioAloneFillsAMinuteEnoughToBreachTheAbandonmentRule() {
        // Given: five minutes of default traffic on the shipped agent, closed after the demo's inactivity gap
        DemoAgentRepo repo = DemoAgentRepo.create(folder);
        AgentSimulator simulator = new AgentSimulator(new AgentVersions(repo.repository()), repo.initialCommit(),
                SimulatorSettings.defaults());
        List<ConversationSummary> summaries = new IngestReplay().summaries(
                SimTraffic.play(simulator, START, Duration.ofMinutes(5)));
        ThresholdRule abandonment = DemoMetricsSetup.breachRules().thresholds().get(0);

        // When: the third minute of closes (conversations close an inactivity gap after their last turn)
        Instant from = START.plus(Duration.ofMinutes(2));
        Map<String, List<ConversationSummary>> minute = summaries.stream()
                .filter(s -> {
                    Instant closed = s.getLastTurnAt().plus(DemoMetricsSetup.INACTIVITY_GAP);
                    return !closed.isBefore(from) && closed.isBefore(from.plus(Duration.ofMinutes(1)));
                })
                .collect(Collectors.groupingBy(SimDemoMetricsSetupTest::scenarioOf));

        // Then
        assertThat(minute.get("slack")).hasSizeGreaterThanOrEqualTo((int) abandonment.minVolume());
        assertThat(SimTraffic.rate(minute.get("slack"), Outcome.ABANDONED)).isGreaterThan(abandonment.value());
        for (String other : List.of("api-key", "docs", "billing")) {
            assertThat(minute.get(other)).as(other).hasSizeLessThan((int) abandonment.minVolume());
        }
        assertThat(SimTraffic.rate(minute.get("invite"), Outcome.ABANDONED)).isLessThan(abandonment.value());
    }

    private static String scenarioOf(ConversationSummary summary) {
        String request = summary.getFirstUserText().split(" / ")[0];
        return SCENARIO_WORDS.entrySet().stream().filter(e -> e.getValue().matcher(request).find())
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("unknown: " + request));
    }
}
