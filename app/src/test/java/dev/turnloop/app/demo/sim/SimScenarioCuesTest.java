package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.SimTraffic.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.TurnEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulated turns, read by the ingest's own signal detection, end the way their scripts meant them to. */
class SimScenarioCuesTest {

    private static final Duration RUN = Duration.ofSeconds(40);

    @TempDir
    Path folder;
    private DemoAgentRepo repo;
    private final IngestReplay ingest = new IngestReplay();

    @BeforeEach
    void createRepo() {
        repo = DemoAgentRepo.create(folder);
    }

    private List<ConversationSummary> play(SimScenario scenario, String commit) {
        AgentSimulator simulator = SimTraffic.only(scenario, repo.repository(), commit, 7);
        List<TurnEvent> turns = SimTraffic.play(simulator, START, RUN);
        List<ConversationSummary> summaries = ingest.summaries(turns);
        Map<String, Long> intended = simulator.counters().endings().get(scenario.id());
        assertThat(SimTraffic.outcomes(summaries)).as("ingest outcomes of %s vs what its scripts meant", scenario)
                .isEqualTo(expected(intended));
        return summaries;
    }

    private static Map<Outcome, Long> expected(Map<String, Long> endings) {
        Map<Outcome, Long> outcomes = new java.util.EnumMap<>(Outcome.class);
        endings.forEach((ending, count) -> outcomes.put(switch (ending) {
            case "resolved" -> Outcome.COMPLETED;
            case "escalated" -> Outcome.ESCALATED;
            default -> Outcome.ABANDONED;
        }, count));
        return outcomes;
    }

    @ParameterizedTest
    @EnumSource(SimScenario.class)
    void everyScenarioEndsAsScriptedOnTheShippedAgent(SimScenario scenario) {
        // When / Then (inside play)
        assertThat(play(scenario, repo.initialCommit())).hasSizeGreaterThan(100);
    }

    @ParameterizedTest
    @EnumSource(SimScenario.class)
    void everyScenarioEndsAsScriptedWhenAHighTemperatureDerailsAnswers(SimScenario scenario) {
        // Given
        String risky = repo.commitRiskyTemperatureRaise().newVersion();

        // When
        List<ConversationSummary> summaries = play(scenario, risky);

        // Then: derailed conversations start with a correction of an off-topic answer
        assertThat(SimTraffic.share(summaries, s -> s.getSignalTrail().stream()
                .anyMatch(signal -> signal.startsWith("repair:explicit_phrase@2")))).isGreaterThan(0.3);
    }

    @Test
    void pastedSlackFailuresAreAbandonedAfterRepairsWithTheMarkupInTheRequest() {
        // When
        List<ConversationSummary> abandoned = play(SimScenario.SLACK_PASTE, repo.initialCommit()).stream()
                .filter(s -> s.getOutcome() == Outcome.ABANDONED).toList();

        // Then
        assertThat(abandoned).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getRepairTurns()).isPositive();
            assertThat(s.getOutcomeReason()).isEqualTo("inactivity_after_repair");
            assertThat(s.getFirstUserText()).containsPattern("<@U0[A-Z0-9]{8}>|```|\\*[^*\\s][^*]*\\*");
        });
    }

    @Test
    void apiKeyFailuresRepeatTheRequestAroundA401() {
        // When
        List<ConversationSummary> abandoned = play(SimScenario.API_KEY_SETUP, repo.initialCommit()).stream()
                .filter(s -> s.getOutcome() == Outcome.ABANDONED).toList();

        // Then
        assertThat(abandoned).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getRepairTurns()).isPositive();
            assertThat(s.getFirstUserText()).containsIgnoringCase("api key").contains("401");
        });
    }

    @Test
    void billingQuestionsDeadEndOnTheShippedAgent() {
        // When
        List<ConversationSummary> summaries = play(SimScenario.BILLING_QUESTION, repo.initialCommit());

        // Then
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.getOutcome()).isEqualTo(Outcome.ABANDONED);
            assertThat(s.getDeadEndTurns()).isEqualTo(2);
            assertThat(s.getOutcomeReason()).isEqualTo("inactivity_after_dead_end");
        });
    }

    @Test
    void docsSearchFailuresCarryTimedOutSearchesAndUsersWhoSayTheyAreWaiting() {
        // When
        List<ConversationSummary> summaries = play(SimScenario.DOCS_SEARCH, repo.initialCommit());
        List<ConversationSummary> failed = summaries.stream().filter(s -> s.getDeadEndTurns() > 0).toList();

        // Then
        assertThat(SimTraffic.rate(summaries, Outcome.ABANDONED)).isGreaterThan(0.4);
        assertThat(failed).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getOutcome()).isEqualTo(Outcome.ABANDONED);
            assertThat(s.getSignalTrail()).anyMatch(signal -> signal.startsWith("tool_error:search_docs@1"));
            assertThat(s.getFirstUserText()).containsPattern("(?i)waiting|timing out|too long");
        });
    }
}
