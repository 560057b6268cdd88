package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.SimTraffic.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimAgentSimulatorTest {

    @TempDir
    Path folder;
    private DemoAgentRepo repo;

    @BeforeEach
    void createRepo() {
        repo = DemoAgentRepo.create(folder);
    }

    private AgentSimulator simulator() {
        return new AgentSimulator(new AgentVersions(repo.repository()), repo.initialCommit(),
                SimulatorSettings.defaults());
    }

    @Test
    void everyTurnIsLabelledSyntheticAndCarriesTheDeployedCommitAndASegment() {
        // When
        List<TurnEvent> turns = SimTraffic.play(simulator(), START, Duration.ofSeconds(30));

        // Then
        assertThat(turns).isNotEmpty().allSatisfy(turn -> {
            assertThat(turn.getAgentName()).isEqualTo("turnloop-sim (synthetic)");
            assertThat(turn.getConversationId()).startsWith("sim-");
            assertThat(turn.getUserId()).startsWith("sim-user-");
            assertThat(turn.getUserAttributes()).containsEntry("synthetic", "true")
                    .containsKeys("plan", "user_type");
            assertThat(turn.getUserAttributes().get("plan")).isIn("trial", "pro");
            assertThat(turn.getUserAttributes().get("user_type")).isIn("new", "returning");
            assertThat(List.of(turn.getPromptVersion(), turn.getHarnessVersion(), turn.getConfigVersion()))
                    .containsOnly(repo.initialCommit());
        });
        assertThat(new HashSet<>(turns.stream().map(TurnEvent::getEventId).toList())).hasSameSizeAs(turns);
    }

    @Test
    void eachConversationIsPlayedInOrderFromAUserTurnWithTimesThatNeverGoBack() {
        // When
        List<TurnEvent> turns = SimTraffic.play(simulator(), START, Duration.ofSeconds(30));
        Map<String, List<TurnEvent>> byConversation = turns.stream()
                .collect(Collectors.groupingBy(TurnEvent::getConversationId, LinkedHashMap::new, Collectors.toList()));

        // Then
        assertThat(byConversation.values()).allSatisfy(conversation -> {
            assertThat(conversation.get(0).getRole()).isEqualTo(Role.USER);
            for (int i = 0; i < conversation.size(); i++) {
                assertThat(conversation.get(i).getTurnIndex()).isEqualTo(i);
                if (i > 0) {
                    assertThat(conversation.get(i).getEventTime()).isAfter(conversation.get(i - 1).getEventTime());
                }
            }
        });
    }

    @Test
    void startsConversationsAtTheConfiguredRateAndMix() {
        // Given
        AgentSimulator simulator = simulator();

        // When: one minute of ticks every 100 ms at 3 conversations a second
        SimTraffic.play(simulator, START, Duration.ofSeconds(60));
        SimulatorCounters counters = simulator.counters();

        // Then
        assertThat(counters.conversations()).isBetween(179L, 181L);
        assertThat(counters.open()).isZero();
        long slack = counters.endings().get("slack-paste").values().stream().mapToLong(Long::longValue).sum();
        assertThat(slack / (double) counters.conversations()).isCloseTo(0.40, within(0.1));
        assertThat(counters.endings()).containsOnlyKeys("slack-paste", "team-invite", "api-key-setup", "docs-search",
                "billing-question");
    }

    @Test
    void aPauseBetweenTicksDoesNotReleaseAFloodOfConversations() {
        // Given
        AgentSimulator simulator = simulator();
        simulator.tick(START);

        // When
        simulator.tick(START.plus(Duration.ofHours(1)));

        // Then: the first conversation plus at most MAX_CATCH_UP worth of arrivals
        assertThat(simulator.counters().conversations()).isEqualTo(1 + 3 * AgentSimulator.MAX_CATCH_UP.toSeconds());
    }

    @Test
    void deployingShiftsTheShareOfNewConversationsAndKeepsTheRestInProportion() {
        // Given
        AgentSimulator simulator = simulator();
        String canary = repo.commitRiskyTemperatureRaise().newVersion();
        String other = repo.commitTemperature(0.3, "Try 0.3\n").newVersion();

        // When
        simulator.deploy(canary, 0.5);
        SimTraffic.play(simulator, START, Duration.ofSeconds(120));
        Map<String, Double> split = simulator.deployment();
        simulator.deploy(other, 0.5);
        Map<String, Double> threeWay = simulator.deployment();
        simulator.deploy(canary, 1.0);

        // Then
        assertThat(split).containsOnly(Map.entry(repo.initialCommit(), 0.5), Map.entry(canary, 0.5));
        Map<String, Long> byVersion = simulator.counters().conversationsByVersion();
        double canaryShare = byVersion.get(canary.substring(0, 12)) / (double) simulator.counters().conversations();
        assertThat(canaryShare).isCloseTo(0.5, within(0.08));
        assertThat(threeWay).containsOnly(Map.entry(repo.initialCommit(), 0.25), Map.entry(canary, 0.25),
                Map.entry(other, 0.5));
        assertThat(simulator.deployment()).containsOnly(Map.entry(canary, 1.0));
    }

    @Test
    void refusesVersionsItCannotReadAndSharesNoOtherVersionCouldTakeUp() {
        // Given
        AgentSimulator simulator = simulator();

        // When / Then
        assertThatThrownBy(() -> simulator.deploy("0".repeat(40), 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.deploy("main", 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.deploy(repo.initialCommit(), 0)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.deploy(repo.initialCommit(), 0.5)).isInstanceOf(
                IllegalStateException.class);
        assertThat(simulator.deployment()).containsOnly(Map.entry(repo.initialCommit(), 1.0));
    }

    @Test
    void theRiskyTemperatureMakesAHealthyIntentWorseAndAddsRepairsEverywhere() {
        // Given
        String risky = repo.commitRiskyTemperatureRaise().newVersion();
        IngestReplay ingest = new IngestReplay();

        for (SimScenario scenario : SimScenario.values()) {
            // When
            List<ConversationSummary> before = ingest.summaries(SimTraffic.play(
                    SimTraffic.only(scenario, repo.repository(), repo.initialCommit(), 5), START,
                    Duration.ofSeconds(60)));
            List<ConversationSummary> after = ingest.summaries(SimTraffic.play(
                    SimTraffic.only(scenario, repo.repository(), risky, 5), START, Duration.ofSeconds(60)));

            // Then
            double repairsBefore = SimTraffic.share(before, s -> s.getRepairTurns() > 0);
            double repairsAfter = SimTraffic.share(after, s -> s.getRepairTurns() > 0);
            assertThat(repairsAfter).as("repairs in %s", scenario).isGreaterThan(repairsBefore);
            if (scenario == SimScenario.TEAM_INVITE) {
                assertThat(SimTraffic.rate(before, Outcome.ABANDONED)).isLessThan(0.12);
                assertThat(SimTraffic.rate(after, Outcome.ABANDONED)).isGreaterThan(0.18);
                assertThat(repairsAfter - repairsBefore).isGreaterThan(0.3);
            }
        }
    }
}
