package dev.turnloop.metrics.window;

import static dev.turnloop.metrics.MetricsHarness.T0;
import static dev.turnloop.metrics.MetricsHarness.confirmed;
import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.tdunning.math.stats.MergingDigest;
import dev.turnloop.metrics.MetricsHarness;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowedMetricsTopologyTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private MetricsHarness metrics = new MetricsHarness();

    @AfterEach
    void close() {
        metrics.close();
    }

    private void completed(String conversation, int depth, Instant closedAt) {
        metrics.send(confirmed("export", summary(conversation, Outcome.COMPLETED, closedAt).setTurnDepth(depth)
                .build()));
    }

    private List<KeyValue<String, IntentMetrics>> finalsOf(String intent) {
        return MetricsHarness.of(metrics.finals.readKeyValuesToList(), kv -> kv.value.getIntentId(), intent);
    }

    private static IntentMetrics only(List<KeyValue<String, IntentMetrics>> records, String key, Instant windowStart) {
        List<IntentMetrics> matching = records.stream()
                .filter(kv -> kv.key.equals(key) && kv.value.getWindowStart().equals(windowStart))
                .map(kv -> kv.value).toList();
        assertThat(matching).as("final results of %s from %s", key, windowStart).hasSize(1);
        return matching.get(0);
    }

    @Test
    void hourlyAndDailyFinalResultsCountEachConversationInTheWindowOfItsClose() {
        // Given 4 conversations closing in the first hour and 2 in the second (sent with an unrelated Kafka timestamp)
        completed("c1", 2, T0.plusSeconds(60));
        completed("c2", 4, T0.plusSeconds(120));
        completed("c3", 6, T0.plusSeconds(180));
        metrics.close("export", "a1", Outcome.ABANDONED, T0.plusSeconds(240));
        metrics.close("export", "e1", Outcome.ESCALATED, T0.plus(HOUR).plusSeconds(60));
        completed("c4", 10, T0.plus(HOUR).plusSeconds(120));

        // When event time passes the end of the day plus its grace
        metrics.advanceTo(T0.plus(DAY).plus(Duration.ofHours(2)));

        // Then
        List<KeyValue<String, IntentMetrics>> finals = finalsOf("export");
        IntentMetrics firstHour = only(finals, "1h|export|*", T0);
        assertThat(firstHour.getFinal$()).isTrue();
        assertThat(firstHour.getWindowEnd()).isEqualTo(T0.plus(HOUR));
        assertThat(firstHour.getConversations()).isEqualTo(4);
        assertThat(firstHour.getCompleted()).isEqualTo(3);
        assertThat(firstHour.getAbandoned()).isEqualTo(1);
        assertThat(firstHour.getCompletionRate()).isEqualTo(0.75);
        assertThat(firstHour.getAbandonmentRate()).isEqualTo(0.25);
        assertThat(firstHour.getTurnDepthMean()).as("mean depth over completed only").isEqualTo(4.0);

        IntentMetrics secondHour = only(finals, "1h|export|*", T0.plus(HOUR));
        assertThat(secondHour.getConversations()).isEqualTo(2);
        assertThat(secondHour.getEscalated()).isEqualTo(1);
        assertThat(secondHour.getEscalationRate()).isEqualTo(0.5);

        IntentMetrics day = only(finals, "1d|export|*", T0);
        assertThat(day.getWindowEnd()).isEqualTo(T0.plus(DAY));
        assertThat(day.getConversations()).isEqualTo(6);
        assertThat(day.getCompleted()).isEqualTo(4);
        assertThat(day.getTurnDepthMean()).isEqualTo((2 + 4 + 6 + 10) / 4.0);
    }

    @Test
    void turnDepthPercentilesAreExactAndFinalResultsCarryAMergeableDigest() {
        // Given 100 completed conversations with turn depths 1..100 in one hour
        for (int depth = 1; depth <= 100; depth++) {
            completed("c" + depth, depth, T0.plusSeconds(depth));
        }
        List<IntentMetrics> live = MetricsHarness.of(metrics.live.readValuesToList(), IntentMetrics::getIntentId,
                "export");

        // When
        metrics.advanceTo(T0.plus(Duration.ofHours(2)));

        // Then percentiles interpolate between order statistics: rank 0.5 * 99 = 49.5 -> 50.5, 0.9 * 99 = 89.1 -> 90.1
        IntentMetrics hour = only(finalsOf("export"), "1h|export|*", T0);
        assertThat(hour.getTurnDepthMean()).isEqualTo(50.5);
        assertThat(hour.getTurnDepthP50()).isCloseTo(50.5, within(1e-9));
        assertThat(hour.getTurnDepthP90()).isCloseTo(90.1, within(1e-9));
        var digest = MergingDigest.fromBytes(hour.getTurnDepthSketch());
        assertThat(digest.size()).isEqualTo(100);
        assertThat(digest.quantile(0.9)).isCloseTo(90.5, within(1.0));
        assertThat(live).as("live updates skip the digest").allSatisfy(m ->
                assertThat(m.getTurnDepthSketch().remaining()).isZero());
    }

    @Test
    void eachCohortItsSegmentRollupAndTheAllCohortsTotalAreSeparateSeries() {
        // Given 2 conversations on p1 and 3 on p2 for trial users, and 1 on p1 for pro users
        metrics.closeMany("export", "p1-trial", 2, Outcome.COMPLETED, T0.plusSeconds(10));
        for (int i = 0; i < 3; i++) {
            metrics.send(confirmed("export", summary("p2-trial-" + i, Outcome.ABANDONED, T0.plusSeconds(100 + i))
                    .setCohort(MetricsHarness.cohort("p2", "plan=trial")).build()));
        }
        metrics.send(confirmed("export", summary("p1-pro", Outcome.COMPLETED, T0.plusSeconds(200))
                .setCohort(MetricsHarness.cohort("p1", "plan=pro")).build()));

        // When
        metrics.advanceTo(T0.plus(Duration.ofHours(2)));

        // Then
        List<KeyValue<String, IntentMetrics>> finals = finalsOf("export");
        Map<String, Long> hourlyVolumes = finals.stream()
                .filter(kv -> kv.value.getWindow().equals("1h"))
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value.getConversations()));
        assertThat(hourlyVolumes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1h|export|p1|h1|c1|plan=trial", 2L,
                "1h|export|p2|h1|c1|plan=trial", 3L,
                "1h|export|p1|h1|c1|plan=pro", 1L,
                "1h|export|*|*|*|plan=trial", 5L,
                "1h|export|*|*|*|plan=pro", 1L,
                "1h|export|*", 6L));
        IntentMetrics p2 = only(finals, "1h|export|p2|h1|c1|plan=trial", T0);
        assertThat(p2.getCohort().getPromptVersion()).isEqualTo("p2");
        assertThat(p2.getAbandonmentRate()).isEqualTo(1.0);
    }

    @Test
    void aLateConversationWithinTheGraceIsCountedInTheFinalResult() {
        // Given one conversation in the first hour and event time 10 minutes past the hour (grace is 15 minutes)
        metrics.close("export", "on-time", Outcome.COMPLETED, T0.plus(Duration.ofMinutes(10)));
        metrics.advanceTo(T0.plus(Duration.ofMinutes(70)));
        assertThat(finalsOf("export")).as("the hour is not final during its grace").isEmpty();

        // When a conversation that closed at 00:50 arrives late
        metrics.close("export", "late", Outcome.ABANDONED, T0.plus(Duration.ofMinutes(50)));
        metrics.advanceTo(T0.plus(Duration.ofMinutes(80)));

        // Then
        IntentMetrics hour = only(finalsOf("export"), "1h|export|*", T0);
        assertThat(hour.getConversations()).isEqualTo(2);
        assertThat(hour.getAbandoned()).isEqualTo(1);
    }

    @Test
    void aConversationLaterThanTheGraceIsLeftOutOfItsClosedWindowButCountedInOpenOnes() {
        // Given the first hour closed (event time 16 minutes past it)
        metrics.close("export", "on-time", Outcome.COMPLETED, T0.plus(Duration.ofMinutes(10)));
        metrics.advanceTo(T0.plus(Duration.ofMinutes(76)));
        List<KeyValue<String, IntentMetrics>> firstFinals = finalsOf("export");
        metrics.live.readValuesToList();

        // When a conversation that closed at 00:50 arrives
        metrics.close("export", "too-late", Outcome.ABANDONED, T0.plus(Duration.ofMinutes(50)));
        List<IntentMetrics> liveAfterLate = MetricsHarness.of(metrics.live.readValuesToList(),
                IntentMetrics::getIntentId, "export");
        metrics.advanceTo(T0.plus(DAY).plus(Duration.ofHours(2)));

        // Then the hour keeps its one final result with one conversation; the still open day counts both
        assertThat(only(firstFinals, "1h|export|*", T0).getConversations()).isEqualTo(1);
        List<KeyValue<String, IntentMetrics>> laterFinals = finalsOf("export");
        assertThat(laterFinals).noneMatch(kv -> kv.value.getWindow().equals("1h")
                && kv.value.getWindowStart().equals(T0));
        assertThat(liveAfterLate).noneMatch(m -> m.getWindow().equals("1h"));
        assertThat(only(laterFinals, "1d|export|*", T0).getConversations()).isEqualTo(2);
    }

    @Test
    void aWindowsFinalResultIsPublishedExactlyOnceAfterManyUpdates() {
        // Given 20 updates to the same hour, then event time moving on in several steps
        metrics.closeMany("export", "c", 20, Outcome.COMPLETED, T0.plusSeconds(1));
        List<KeyValue<String, IntentMetrics>> finals = new ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            metrics.advanceTo(T0.plus(Duration.ofMinutes(60 + 15 * step)));
            finals.addAll(finalsOf("export"));
        }

        // Then
        long finalsOfTheHour = finals.stream()
                .filter(kv -> kv.key.equals("1h|export|*") && kv.value.getWindowStart().equals(T0)).count();
        assertThat(finalsOfTheHour).isEqualTo(1);
        assertThat(only(finals, "1h|export|*", T0).getConversations()).isEqualTo(20);
        assertThat(MetricsHarness.of(metrics.live.readValuesToList(), IntentMetrics::getIntentId, "export"))
                .as("live results: one per update and series")
                .filteredOn(m -> m.getWindow().equals("1h") && CohortKey.of(m.getCohort()).level()
                        == CohortKey.Level.ALL)
                .hasSize(20);
    }

    @Test
    void onlyConfirmedAssignmentsWithTheirFirstSummaryAreCounted() {
        // Given an early assignment, a confirmed one without a summary and an amended summary (revision 2)
        IntentAssignment counted = confirmed("export", summary("counted", Outcome.COMPLETED, T0.plusSeconds(5))
                .build());
        metrics.send(IntentAssignment.newBuilder(counted).setConversationId("early").setStage(AssignmentStage.EARLY)
                .setSummary(null).build());
        metrics.send(IntentAssignment.newBuilder(counted).setConversationId("no-summary").setSummary(null).build());
        metrics.send(confirmed("export", summary("amended", Outcome.ABANDONED, T0.plusSeconds(6)).setRevision(2)
                .build()));
        metrics.send(counted);

        // When
        metrics.advanceTo(T0.plus(Duration.ofHours(2)));

        // Then
        IntentMetrics hour = only(finalsOf("export"), "1h|export|*", T0);
        assertThat(hour.getConversations()).isEqualTo(1);
        assertThat(hour.getAbandoned()).isZero();
    }

    @Test
    void theSevenDayViewPublishesOnlyItsTrailingWindowLive() {
        // Given a conversation on the third day
        Instant closedAt = T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(10));

        // When
        metrics.close("export", "c1", Outcome.COMPLETED, closedAt);

        // Then of the seven 7-day windows that hold it, only the one ending at the end of that day is published
        List<IntentMetrics> weekly = MetricsHarness.of(metrics.live.readValuesToList(), IntentMetrics::getIntentId,
                "export").stream().filter(m -> m.getWindow().equals("7d")
                && CohortKey.of(m.getCohort()).level() == CohortKey.Level.ALL).toList();
        assertThat(weekly).singleElement().satisfies(m -> {
            assertThat(m.getWindowEnd()).isEqualTo(T0.plus(Duration.ofDays(3)));
            assertThat(m.getWindowStart()).isEqualTo(T0.plus(Duration.ofDays(3)).minus(Duration.ofDays(7)));
        });
    }

    @Test
    void rocksDbStoresGiveTheSameFinalResults() {
        // Given the production settings as they are, RocksDB stores included
        metrics.close();
        metrics = new MetricsHarness(MetricsSettings.defaults(), BreachRules.defaults(), LiveMetricsListener.NONE);

        // When
        metrics.closeMany("export", "c", 3, Outcome.COMPLETED, T0.plusSeconds(1));
        metrics.close("export", "a", Outcome.ABANDONED, T0.plusSeconds(10));
        metrics.advanceTo(T0.plus(Duration.ofHours(2)));

        // Then
        IntentMetrics hour = only(finalsOf("export"), "1h|export|*", T0);
        assertThat(hour.getConversations()).isEqualTo(4);
        assertThat(hour.getCompletionRate()).isEqualTo(0.75);
    }

    @Test
    void theLiveListenerSeesEveryPublishedUpdate() {
        // Given a harness whose listener records what it is told
        metrics.close();
        List<IntentMetrics> heard = new CopyOnWriteArrayList<>();
        metrics = new MetricsHarness(MetricsHarness.inMemory(MetricsSettings.defaults()), BreachRules.defaults(),
                heard::add);

        // When
        metrics.closeMany("export", "c", 3, Outcome.COMPLETED, T0.plusSeconds(1));

        // Then
        List<IntentMetrics> published = metrics.live.readValuesToList();
        assertThat(published).hasSize(3 * 3 * 3);
        assertThat(heard).containsExactlyElementsOf(published);
    }
}
