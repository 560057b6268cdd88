package dev.turnloop.metrics.cohort;

import static dev.turnloop.metrics.MetricsHarness.T0;
import static dev.turnloop.metrics.MetricsHarness.change;
import static dev.turnloop.metrics.MetricsHarness.cohort;
import static dev.turnloop.metrics.MetricsHarness.confirmed;
import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.metrics.MetricsHarness;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Regression;
import dev.turnloop.schemas.Verdict;
import dev.turnloop.schemas.streams.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerdictTopologyTest {

    private static final Instant DEPLOYED = T0.plus(Duration.ofHours(6));

    private MetricsHarness metrics = new MetricsHarness();
    private int sent;

    @AfterEach
    void close() {
        metrics.close();
    }

    private void useProgressEvery(int conversations) {
        metrics.close();
        MetricsSettings settings = MetricsHarness.inMemory(MetricsSettings.defaults()).withVerdicts(
                new VerdictSettings(0.05, 100, conversations, Duration.ofDays(7), Duration.ofDays(1)));
        metrics = new MetricsHarness(settings, BreachRules.defaults(), LiveMetricsListener.NONE);
    }

    private ChangeEvent completionChange() {
        return change("change-1", "export", "completion_rate", Direction.UP, DEPLOYED).build();
    }

    /** A conversation of {@code intent} on prompt {@code version}, closing one second after the previous one. */
    private void conversation(String intent, String version, boolean completed, Instant after) {
        sent++;
        metrics.send(confirmed(intent, summary(intent + "-" + version + "-" + sent,
                completed ? Outcome.COMPLETED : Outcome.ABANDONED, after.plusSeconds(sent))
                .setCohort(cohort(version, "plan=trial")).build()));
    }

    /** {@code count} conversations per arm, alternating arms, with the given completion rates per 10. */
    private void arms(String intent, int count, int controlPerTen, int treatmentPerTen, Instant after) {
        for (int i = 0; i < count; i++) {
            conversation(intent, "p1", i % 10 < controlPerTen, after);
            conversation(intent, "p2", i % 10 < treatmentPerTen, after);
        }
    }

    @Test
    void aClearLiftIsKeptOnceAndThenNoLongerJudged() {
        // Given a prompt change meant to raise completion of "export"
        metrics.send(completionChange());

        // When 150 conversations per arm go from 5 in 10 completed (p1) to 9 in 10 (p2)
        arms("export", 150, 5, 9, DEPLOYED);
        List<CohortVerdict> verdicts = metrics.verdicts.readValuesToList();
        arms("export", 50, 5, 9, DEPLOYED.plus(Duration.ofHours(1)));
        metrics.send(completionChange());

        // Then
        assertThat(verdicts.get(0).getVerdict()).as("tracking starts with a verdict").isEqualTo(Verdict.NEED_MORE_DATA);
        assertThat(verdicts).filteredOn(v -> v.getVerdict() != Verdict.NEED_MORE_DATA).singleElement()
                .satisfies(keep -> {
                    assertThat(keep.getVerdict()).isEqualTo(Verdict.KEEP);
                    assertThat(keep.getChangeId()).isEqualTo("change-1");
                    assertThat(keep.getItemId()).isEqualTo("item-change-1");
                    assertThat(keep.getTargetIntentId()).isEqualTo("export");
                    assertThat(keep.getTargetMetric()).isEqualTo("completion_rate");
                    assertThat(keep.getControl().getVersion()).isEqualTo("p1");
                    assertThat(keep.getTreatment().getVersion()).isEqualTo("p2");
                    assertThat(keep.getControl().getConversations()).isGreaterThanOrEqualTo(100);
                    assertThat(keep.getTreatment().getConversations()).isGreaterThanOrEqualTo(100);
                    assertThat(keep.getControl().getRate()).isBetween(0.45, 0.55);
                    assertThat(keep.getTreatment().getRate()).isBetween(0.85, 0.95);
                    assertThat(keep.getEffect()).isBetween(0.35, 0.45);
                    assertThat(keep.getEffectCiLow()).isPositive();
                    assertThat(keep.getEValue()).isGreaterThanOrEqualTo(20.0);
                    assertThat(keep.getRegressions()).isEmpty();
                });
        assertThat(verdicts.get(verdicts.size() - 1).getVerdict()).isEqualTo(Verdict.KEEP);
        assertThat(metrics.verdicts.readValuesToList()).as("no look after the final verdict, not even on a replay")
                .isEmpty();
    }

    @Test
    void aClearDropIsReverted() {
        // Given
        metrics.send(completionChange());

        // When completion goes from 8 in 10 to 4 in 10
        arms("export", 120, 8, 4, DEPLOYED);

        // Then
        List<CohortVerdict> verdicts = metrics.verdicts.readValuesToList();
        CohortVerdict last = verdicts.get(verdicts.size() - 1);
        assertThat(last.getVerdict()).isEqualTo(Verdict.REVERT);
        assertThat(last.getEffect()).isNegative();
        assertThat(last.getRegressions()).extracting(Regression::getIntentId).containsExactly("export");
        assertThat(verdicts).filteredOn(v -> v.getVerdict() == Verdict.REVERT).hasSize(1);
    }

    @Test
    void lowVolumeNeedsMoreDataHoweverLargeTheDifference() {
        // Given progress verdicts every 10 counted conversations
        useProgressEvery(10);
        metrics.send(completionChange());

        // When 30 conversations per arm go from none completed to all completed
        arms("export", 30, 0, 10, DEPLOYED);

        // Then one verdict at the start and one per 10 conversations, all asking for more data
        List<CohortVerdict> verdicts = metrics.verdicts.readValuesToList();
        assertThat(verdicts).hasSize(1 + 6);
        assertThat(verdicts).extracting(CohortVerdict::getVerdict).containsOnly(Verdict.NEED_MORE_DATA);
        assertThat(verdicts.get(verdicts.size() - 1).getReason()).contains("need 100 matched conversations per arm");
        assertThat(verdicts.get(verdicts.size() - 1).getControl().getConversations()).isEqualTo(30);
    }

    @Test
    void oldVersionConversationsBeforeTheDeploymentFormTheControlArm() {
        // Given 120 conversations on the old prompt in the hours before the change is deployed
        for (int i = 0; i < 120; i++) {
            conversation("export", "p1", i % 10 < 5, T0);
        }

        // When the change arrives, and only the new prompt serves conversations afterwards
        metrics.send(completionChange());
        for (int i = 0; i < 120; i++) {
            conversation("export", "p2", i % 10 < 9, DEPLOYED);
        }

        // Then
        List<CohortVerdict> verdicts = metrics.verdicts.readValuesToList();
        CohortVerdict last = verdicts.get(verdicts.size() - 1);
        assertThat(last.getVerdict()).isEqualTo(Verdict.KEEP);
        assertThat(last.getControl().getConversations()).isEqualTo(120);
        assertThat(last.getControl().getSuccesses()).isEqualTo(60);
    }

    @Test
    void onlyConversationsOnTheOldOrNewVersionAreCountedAndAReplayedChangeChangesNothing() {
        // Given progress verdicts every 10 counted conversations
        useProgressEvery(10);
        metrics.send(completionChange());

        // When 40 conversations on a third prompt version close, then 5 on each arm, then the change again
        for (int i = 0; i < 40; i++) {
            conversation("export", "p3", false, DEPLOYED);
        }
        List<CohortVerdict> afterOtherVersion = metrics.verdicts.readValuesToList();
        arms("export", 5, 4, 4, DEPLOYED);
        metrics.send(completionChange());

        // Then
        assertThat(afterOtherVersion).as("only the start").hasSize(1);
        List<CohortVerdict> progress = metrics.verdicts.readValuesToList();
        assertThat(progress).as("one progress verdict, none for the replayed change").singleElement()
                .satisfies(v -> {
                    assertThat(v.getControl().getConversations()).isEqualTo(5);
                    assertThat(v.getTreatment().getConversations()).isEqualTo(5);
                });
    }

    @Test
    void aRegressionOfAnotherIntentRevertsAChangeThatHelpedItsTarget() {
        // Given
        metrics.send(completionChange());

        // When export improves a little while billing collapses on the new prompt
        arms("export", 120, 6, 7, DEPLOYED);
        arms("billing", 120, 8, 2, DEPLOYED);

        // Then
        List<CohortVerdict> verdicts = metrics.verdicts.readValuesToList();
        CohortVerdict last = verdicts.get(verdicts.size() - 1);
        assertThat(last.getVerdict()).isEqualTo(Verdict.REVERT);
        assertThat(last.getRegressions()).extracting(Regression::getIntentId).contains("billing");
        assertThat(last.getReason()).contains("billing");
    }

    @Test
    void aChangeThatCannotBeJudgedIsDeadLetteredWithItsReason() {
        // Given a change whose target metric does not exist
        ChangeEvent unknownMetric = change("change-x", "export", "happiness_rate", Direction.UP, DEPLOYED).build();

        // When
        metrics.send(unknownMetric);

        // Then
        assertThat(metrics.verdicts.isEmpty()).isTrue();
        TestRecord<byte[], byte[]> deadLetter = metrics.deadLetters.readRecord();
        String reason = new String(deadLetter.headers().lastHeader(DeadLetterHeaders.MESSAGE).value(),
                StandardCharsets.UTF_8);
        assertThat(reason).contains("unknown target metric 'happiness_rate'");
        assertThat(metrics.topics.changeEvents.valueSerde().deserializer()
                .deserialize(metrics.topics.changeEvents.name(), deadLetter.value())).isEqualTo(unknownMetric);
    }
}
