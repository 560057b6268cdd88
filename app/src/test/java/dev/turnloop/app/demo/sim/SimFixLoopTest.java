package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.SimTraffic.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.metrics.breach.EvidenceSettings;
import dev.turnloop.metrics.breach.ProblemConversation;
import dev.turnloop.pr.mechanism.Diagnosis;
import dev.turnloop.pr.mechanism.MechanismDiagnoser;
import dev.turnloop.pr.mechanism.MechanismSettings;
import dev.turnloop.pr.mechanism.RemedyPlanner;
import dev.turnloop.pr.proposal.ChangeProposal;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachKind;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loop on the simulated agent, without a broker: the failing conversations of a scenario, read by the ingest,
 * quoted as breach evidence and diagnosed by the PR worker's own rules, name the intended mechanism; the PR worker's
 * own remedy for it, committed and deployed, makes the simulated users succeed.
 */
class SimFixLoopTest {

    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    private DemoAgentRepo repo;
    private final IngestReplay ingest = new IngestReplay();
    private final MechanismDiagnoser diagnoser = new MechanismDiagnoser(MechanismSettings.defaults());

    @BeforeEach
    void createRepo() {
        repo = DemoAgentRepo.create(folder);
    }

    private List<ConversationSummary> play(AgentSimulator simulator, Instant start) {
        return ingest.summaries(SimTraffic.play(simulator, start, RUN));
    }

    /** An abandonment breach quoting the newest abandoned conversations, as the metrics' breach rules would. */
    private static Breach abandonmentBreach(List<ConversationSummary> summaries) {
        EvidenceSettings settings = EvidenceSettings.defaults();
        List<ConversationSummary> abandoned = summaries.stream()
                .filter(s -> s.getOutcome() == Outcome.ABANDONED).toList();
        List<Evidence> evidence = abandoned.subList(Math.max(0, abandoned.size() - settings.perBreach()),
                abandoned.size()).stream().map(s -> ProblemConversation.of(s, settings).toEvidence()).toList();
        Instant at = summaries.get(summaries.size() - 1).getClosedAt();
        return Breach.newBuilder().setBreachId("abandonment-high|intent-1|*").setRuleId("abandonment-high")
                .setKind(BreachKind.THRESHOLD).setState(BreachState.OPEN).setIntentId("intent-1")
                .setMetric("abandonment_rate").setValue(SimTraffic.rate(summaries, Outcome.ABANDONED))
                .setThreshold(0.3).setVolume(summaries.size()).setWindow("1m").setWindowStart(at.minusSeconds(60))
                .setWindowEnd(at).setCohort(Cohort.newBuilder().build()).setEvidence(evidence).setAt(at).build();
    }

    /** Every field set: Avro's builder would otherwise look up the enum default of the status, which it refuses. */
    private static BacklogItem item(Diagnosis diagnosis, Breach breach) {
        return BacklogItem.newBuilder().setItemId("intent-1|" + diagnosis.mechanismId()).setIntentId("intent-1")
                .setIntentLabel("").setStatus(BacklogStatus.OPEN).setBreachIds(List.of(breach.getBreachId()))
                .setPrUrl(null).setBranch(null)
                .setMechanismId(diagnosis.mechanismId()).setMechanism(diagnosis.description())
                .setMechanismKnown(diagnosis.known()).setTargetMetric("abandonment_rate")
                .setExpectedDirection(Direction.DOWN).setFrequency(breach.getEvidence().size()).setSeverity(1)
                .setFixCost(diagnosis.fixCost()).setScore(1).setEvidence(breach.getEvidence())
                .setCreatedAt(breach.getAt()).setUpdatedAt(breach.getAt()).build();
    }

    @ParameterizedTest
    @CsvSource({
        "SLACK_PASTE,   prompt.pasted-formatting",
        "API_KEY_SETUP, prompt.api-key-setup",
        "DOCS_SEARCH,   harness.tool-timeout:search_docs"})
    void theRemedyThePrWorkerPlansForTheDiagnosedMechanismFixesTheScenario(SimScenario scenario, String mechanism) {
        // Given: a breach of the scenario on the shipped agent
        AgentSimulator simulator = SimTraffic.only(scenario, repo.repository(), repo.initialCommit(), 11);
        List<ConversationSummary> before = play(simulator, START);
        Breach breach = abandonmentBreach(before);

        // When: the PR worker's rules diagnose it, its planner writes the change, and the change ships
        Diagnosis diagnosis = diagnoser.diagnose(breach);
        RemedyPlanner planner = new RemedyPlanner(TargetRepoConfig.load(repo.targetConfig()), diagnoser);
        String base = repo.head();
        ChangeProposal proposal = planner.plan(item(diagnosis, breach), path -> repo.read(base, path))
                .proposal().orElseThrow();
        String fixed = repo.commit(Map.of(proposal.targetFile(),
                proposal.apply(repo.read(base, proposal.targetFile()).orElseThrow())), proposal.title());
        AgentSimulator afterFix = SimTraffic.only(scenario, repo.repository(), repo.initialCommit(), 12);
        afterFix.deploy(fixed, 1.0);
        List<ConversationSummary> after = play(afterFix, START.plus(Duration.ofHours(1)));

        // Then
        assertThat(diagnosis.mechanismId()).isEqualTo(mechanism);
        assertThat(SimTraffic.rate(before, Outcome.ABANDONED)).isGreaterThan(0.5);
        assertThat(SimTraffic.rate(after, Outcome.ABANDONED)).isLessThan(0.2);
        assertThat(SimTraffic.rate(after, Outcome.COMPLETED)).isGreaterThan(0.8);
        assertThat(after).allSatisfy(s -> assertThat(s.getCohort().getPromptVersion()).isEqualTo(fixed));
    }

    @ParameterizedTest
    @CsvSource("BILLING_QUESTION, capability.billing")
    void billingDeadEndsAreACapabilityGapThatGetsNoPullRequest(SimScenario scenario, String mechanism) {
        // Given
        List<ConversationSummary> summaries = play(
                SimTraffic.only(scenario, repo.repository(), repo.initialCommit(), 11), START);

        // When
        Diagnosis diagnosis = diagnoser.diagnose(abandonmentBreach(summaries));

        // Then
        assertThat(diagnosis.mechanismId()).isEqualTo(mechanism);
        assertThat(new RemedyPlanner(TargetRepoConfig.load(repo.targetConfig()), diagnoser)
                .canPropose(diagnosis.mechanismId())).isFalse();
    }
}
