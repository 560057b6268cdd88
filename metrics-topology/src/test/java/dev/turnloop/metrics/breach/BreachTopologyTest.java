package dev.turnloop.metrics.breach;

import static dev.turnloop.metrics.MetricsHarness.T0;
import static dev.turnloop.metrics.MetricsHarness.confirmed;
import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.turnloop.metrics.MetricsHarness;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachKind;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentEventKind;
import dev.turnloop.schemas.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BreachTopologyTest {

    private static final String LEAKY_REQUEST = "export keeps failing, mail me at jane.doe@example.com";

    private MetricsHarness metrics = new MetricsHarness();

    @AfterEach
    void close() {
        metrics.close();
    }

    private void useRules(String yaml) {
        metrics.close();
        metrics = new MetricsHarness(MetricsHarness.inMemory(MetricsSettings.defaults()), BreachRules.parse(yaml),
                LiveMetricsListener.NONE);
    }

    private static Instant day(int day) {
        return T0.plus(Duration.ofDays(day));
    }

    /** One day of {@code intent}: conversations from 08:00, the first {@code failed} of them abandoned. */
    private void sendDay(int day, String intent, String segment, int conversations, int failed) {
        for (int i = 0; i < conversations; i++) {
            Outcome outcome = i < failed ? Outcome.ABANDONED : Outcome.COMPLETED;
            metrics.send(confirmed(intent, summary(intent + "-" + segment + "-d" + day + "-" + i, outcome,
                    day(day).plus(Duration.ofHours(8)).plusSeconds(60L * i))
                    .setCohort(MetricsHarness.cohort("p1", segment))
                    .setFirstUserText(LEAKY_REQUEST)
                    .setRepairTurns(outcome == Outcome.ABANDONED ? 1 : 0)
                    .setSignalTrail(outcome == Outcome.ABANDONED ? List.of("repair@2", "negative@3") : List.of())
                    .build()));
        }
    }

    private void sendDay(int day, int conversations, int abandoned) {
        sendDay(day, "export", "plan=trial", conversations, abandoned);
    }

    /** Closes the daily window of {@code day} (its grace is an hour). */
    private List<Breach> closeDay(int day) {
        metrics.advanceTo(day(day + 1).plus(Duration.ofHours(2)));
        return metrics.breaches.readValuesToList();
    }

    private static List<Breach> ofRule(List<Breach> breaches, String rule) {
        return breaches.stream().filter(b -> b.getRuleId().equals(rule)).toList();
    }

    @Test
    void aThresholdBreachOpensOnlyOnceTheWindowHasTheMinimumVolume() {
        // Given the default rules: abandonment above 0.30 over a day with at least 50 conversations
        // When a day with half of 40 conversations abandoned closes
        sendDay(0, 40, 20);
        List<Breach> quietDay = ofRule(closeDay(0), "abandonment-high");
        // and then a day with half of 60 abandoned
        sendDay(1, 60, 30);
        List<Breach> loudDay = ofRule(closeDay(1), "abandonment-high");

        // Then
        assertThat(quietDay).as("40 conversations are below the minimum volume").isEmpty();
        assertThat(loudDay).singleElement().satisfies(breach -> {
            assertThat(breach.getBreachId()).isEqualTo("abandonment-high|export|*");
            assertThat(breach.getKind()).isEqualTo(BreachKind.THRESHOLD);
            assertThat(breach.getState()).isEqualTo(BreachState.OPEN);
            assertThat(breach.getMetric()).isEqualTo("abandonment_rate");
            assertThat(breach.getValue()).isEqualTo(0.5);
            assertThat(breach.getThreshold()).isEqualTo(0.30);
            assertThat(breach.getVolume()).isEqualTo(60);
            assertThat(breach.getStatistic()).as("z of 0.5 against 0.3 on 60").isCloseTo(3.381, within(0.001));
            assertThat(breach.getPValue()).isLessThan(0.001);
            assertThat(breach.getWindow()).isEqualTo("1d");
            assertThat(breach.getWindowStart()).isEqualTo(day(1));
            assertThat(breach.getWindowEnd()).isEqualTo(day(2));
            assertThat(breach.getCohort().getSegment()).isEqualTo("*");
        });
    }

    @Test
    void aBreachQuotesUpToFiveFailingConversationsOfItsWindowRedactedWithTheirSignals() {
        // Given a quiet day whose 10 conversations all failed, then a day with half of 60 abandoned
        sendDay(0, 10, 10);
        sendDay(1, 60, 30);

        // When
        Breach breach = ofRule(closeDay(1), "abandonment-high").get(0);

        // Then the evidence comes from the breached day, and quotes the request redacted once more
        List<Evidence> evidence = breach.getEvidence();
        assertThat(evidence).hasSize(5);
        assertThat(evidence).extracting(Evidence::getConversationId)
                .allMatch(id -> id.startsWith("export-plan=trial-d1-")).doesNotHaveDuplicates();
        assertThat(evidence).extracting(Evidence::getOutcome).containsOnly("ABANDONED");
        assertThat(evidence).allSatisfy(e -> {
            assertThat(e.getExcerpt()).contains("[EMAIL]").doesNotContain("jane.doe").doesNotContain("example.com");
            assertThat(e.getSignals()).containsExactly("repair@2", "negative@3");
        });
    }

    @Test
    void anOpenBreachStaysQuietUntilItClearsByTheMarginThenCanOpenAgain() {
        // Given the default abandonment rule (> 0.30, clears at or below 0.25)
        sendDay(0, 50, 25);
        List<Breach> day0 = ofRule(closeDay(0), "abandonment-high");
        sendDay(1, 50, 22);
        List<Breach> day1 = ofRule(closeDay(1), "abandonment-high");
        sendDay(2, 50, 14);
        List<Breach> day2 = ofRule(closeDay(2), "abandonment-high");
        sendDay(3, 50, 5);
        List<Breach> day3 = ofRule(closeDay(3), "abandonment-high");
        sendDay(4, 50, 25);
        List<Breach> day4 = ofRule(closeDay(4), "abandonment-high");

        // Then
        assertThat(day0).extracting(Breach::getState).containsExactly(BreachState.OPEN);
        assertThat(day1).as("0.44: still bad, already open").isEmpty();
        assertThat(day2).as("0.28: below the threshold but not by the clear margin").isEmpty();
        assertThat(day3).singleElement().satisfies(resolved -> {
            assertThat(resolved.getState()).isEqualTo(BreachState.RESOLVED);
            assertThat(resolved.getBreachId()).isEqualTo("abandonment-high|export|*");
            assertThat(resolved.getValue()).isEqualTo(0.10);
            assertThat(resolved.getWindowStart()).isEqualTo(day(3));
        });
        assertThat(day4).extracting(Breach::getState).containsExactly(BreachState.OPEN);
    }

    @Test
    void aSignificantDropBelowTheIntentsOwnBaselineOpensAndAReturnResolves() {
        // Given a baseline rule alone and a week at 80% completion on 40 conversations a day
        useRules("""
                rules:
                  - {id: completion-drop, kind: baseline_drop, metric: completion_rate, window: 1d,
                     baseline_windows: 7, p_value: 0.01, min_change: 0.05, clear_margin: 0.02, min_volume: 30}
                """);
        for (int day = 0; day < 7; day++) {
            sendDay(day, 40, 8);
            assertThat(closeDay(day)).as("day %s", day).isEmpty();
        }

        // When a day at 75% (not significant), a day at 40% and a day back at 80% close
        sendDay(7, 40, 10);
        List<Breach> smallDip = closeDay(7);
        sendDay(8, 40, 24);
        List<Breach> drop = closeDay(8);
        sendDay(9, 40, 8);
        List<Breach> recovery = closeDay(9);

        // Then
        assertThat(smallDip).isEmpty();
        assertThat(drop).singleElement().satisfies(breach -> {
            assertThat(breach.getKind()).isEqualTo(BreachKind.BASELINE_DROP);
            assertThat(breach.getBreachId()).isEqualTo("completion-drop|export|*");
            assertThat(breach.getValue()).isEqualTo(0.40);
            assertThat(breach.getBaseline()).as("days 1-7: 6 at 0.80 and one at 0.75")
                    .isCloseTo((6 * 32 + 30) / 280.0, within(1e-9));
            assertThat(breach.getThreshold()).as("the p-value cut-off").isEqualTo(0.01);
            assertThat(breach.getPValue()).isLessThan(0.01);
            assertThat(breach.getStatistic()).isGreaterThan(2.33);
            assertThat(breach.getEvidence()).isNotEmpty().allSatisfy(e -> assertThat(e.getOutcome())
                    .isNotEqualTo("COMPLETED"));
        });
        assertThat(recovery).singleElement().satisfies(breach -> {
            assertThat(breach.getState()).isEqualTo(BreachState.RESOLVED);
            assertThat(breach.getValue()).isEqualTo(0.80);
            assertThat(breach.getBaseline()).as("frozen at the opening").isEqualTo(drop.get(0).getBaseline());
        });
    }

    @Test
    void aSegmentScopedRuleWatchesEachSegmentApart() {
        // Given a per-segment threshold and a day where pro users abandon and trial users do not
        useRules("""
                rules:
                  - {id: abandonment-by-segment, kind: threshold, metric: abandonment_rate, op: ">", value: 0.3,
                     min_volume: 20, window: 1d, scope: segment}
                """);
        sendDay(0, "export", "plan=pro", 30, 18);
        sendDay(0, "export", "plan=trial", 30, 3);

        // When
        List<Breach> breaches = closeDay(0);

        // Then
        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.getBreachId()).isEqualTo("abandonment-by-segment|export|plan=pro");
            assertThat(breach.getCohort().getSegment()).isEqualTo("plan=pro");
            assertThat(breach.getValue()).isEqualTo(0.6);
            assertThat(breach.getEvidence()).extracting(Evidence::getConversationId)
                    .allMatch(id -> id.startsWith("export-plan=pro-"));
        });
    }

    @Test
    void newAndSpikingIntentsOpenOnceAndASpikeResolvesAfterAQuietDay() {
        // Given
        Instant at = day(0).plus(Duration.ofHours(9));
        IntentEvent newIntent = IntentEvent.newBuilder().setIntentId("refunds").setKind(IntentEventKind.NEW)
                .setLabel("refund requests").setAt(at).setVolume(25).setBaseline(0).build();
        IntentEvent spike = IntentEvent.newBuilder(newIntent).setKind(IntentEventKind.SPIKING).setVolume(300)
                .setBaseline(40).setStatistic(6.2).setAt(at.plus(Duration.ofHours(1))).build();

        // When
        metrics.send(newIntent);
        metrics.send(IntentEvent.newBuilder(newIntent).setAt(at.plusSeconds(60)).build());
        metrics.send(spike);
        metrics.send(IntentEvent.newBuilder(spike).setAt(at.plus(Duration.ofHours(6))).build());
        List<Breach> opened = metrics.breaches.readValuesToList();
        metrics.advanceTo(at.plus(Duration.ofHours(6)).plus(Duration.ofHours(23)));
        List<Breach> beforeADay = metrics.breaches.readValuesToList();
        metrics.advanceTo(at.plus(Duration.ofHours(6)).plus(Duration.ofHours(25)));
        List<Breach> afterADay = metrics.breaches.readValuesToList();

        // Then
        assertThat(opened).extracting(Breach::getKind)
                .containsExactly(BreachKind.NEW_INTENT, BreachKind.SPIKING_INTENT);
        assertThat(opened).allSatisfy(b -> assertThat(b.getState()).isEqualTo(BreachState.OPEN));
        assertThat(opened.get(0).getBreachId()).isEqualTo("new-intent|refunds|*");
        assertThat(opened.get(0).getIntentLabel()).isEqualTo("refund requests");
        assertThat(opened.get(1).getMetric()).isEqualTo("volume");
        assertThat(opened.get(1).getValue()).isEqualTo(300);
        assertThat(opened.get(1).getBaseline()).isEqualTo(40);
        assertThat(opened.get(1).getStatistic()).isEqualTo(6.2);
        assertThat(beforeADay).as("spiked 23 hours ago: not quiet for a day yet").isEmpty();
        assertThat(afterADay).singleElement().satisfies(b -> {
            assertThat(b.getBreachId()).isEqualTo("spiking-intent|refunds|*");
            assertThat(b.getState()).isEqualTo(BreachState.RESOLVED);
        });
    }
}
