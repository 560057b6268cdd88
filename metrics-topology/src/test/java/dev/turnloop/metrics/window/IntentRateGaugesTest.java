package dev.turnloop.metrics.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.IntentMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IntentRateGaugesTest {

    private static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntentRateGauges gauges = new IntentRateGauges("1d", 2, Duration.ZERO,
            Clock.fixed(DAY, ZoneOffset.UTC));

    private static IntentMetrics totals(String intent, String window, CohortKey cohort, Instant start,
            long conversations, long completed, long abandoned) {
        OutcomeTally tally = OutcomeTally.empty();
        IntentMetrics base = IntentMetricsRecords.of(window, new MetricKey(intent, cohort), start.toEpochMilli(),
                start.plus(Duration.ofDays(1)).toEpochMilli(), tally, false);
        return IntentMetrics.newBuilder(base).setConversations(conversations).setCompleted(completed)
                .setAbandoned(abandoned).build();
    }

    private double gauge(String name, String intent) {
        Gauge gauge = registry.find(name).tag("intent", intent).gauge();
        assertThat(gauge).as("%s{intent=%s}", name, intent).isNotNull();
        return gauge.value();
    }

    @Test
    void theBusiestIntentsGetTheirOwnSeriesAndTheRestAreFoldedIntoOther() {
        // Given gauges for the top 2 intents
        gauges.bindTo(registry);

        // When four intents report their daily totals
        gauges.onLiveMetrics(totals("billing", "1d", CohortKey.ALL_COHORTS, DAY, 100, 80, 10));
        gauges.onLiveMetrics(totals("export", "1d", CohortKey.ALL_COHORTS, DAY, 50, 25, 20));
        gauges.onLiveMetrics(totals("sso", "1d", CohortKey.ALL_COHORTS, DAY, 30, 30, 0));
        gauges.onLiveMetrics(totals("refund", "1d", CohortKey.ALL_COHORTS, DAY, 10, 0, 10));

        // Then
        assertThat(gauge(IntentRateGauges.COMPLETION_RATE, "billing")).isEqualTo(0.8);
        assertThat(gauge(IntentRateGauges.ABANDONMENT_RATE, "export")).isEqualTo(0.4);
        assertThat(gauge(IntentRateGauges.CONVERSATIONS, "billing")).isEqualTo(100);
        assertThat(gauge(IntentRateGauges.COMPLETION_RATE, IntentRateGauges.OTHER)).as("30 of 40").isEqualTo(0.75);
        assertThat(gauge(IntentRateGauges.ABANDONMENT_RATE, IntentRateGauges.OTHER)).as("10 of 40").isEqualTo(0.25);
        assertThat(registry.find(IntentRateGauges.COMPLETION_RATE).tag("intent", "sso").gauge()).isNull();
        assertThat(registry.find(IntentRateGauges.COMPLETION_RATE).gauges()).hasSize(3);
    }

    @Test
    void anIntentThatOvertakesAnotherTakesItsSeries() {
        // Given two intents in the top 2 and a third below them
        gauges.bindTo(registry);
        gauges.onLiveMetrics(totals("billing", "1d", CohortKey.ALL_COHORTS, DAY, 100, 80, 10));
        gauges.onLiveMetrics(totals("export", "1d", CohortKey.ALL_COHORTS, DAY, 50, 25, 20));
        gauges.onLiveMetrics(totals("sso", "1d", CohortKey.ALL_COHORTS, DAY, 30, 30, 0));

        // When the third grows past the second
        gauges.onLiveMetrics(totals("sso", "1d", CohortKey.ALL_COHORTS, DAY, 60, 60, 0));

        // Then the number of series stays bounded and follows the ranking
        assertThat(registry.find(IntentRateGauges.COMPLETION_RATE).gauges()).hasSize(3);
        assertThat(gauge(IntentRateGauges.COMPLETION_RATE, "sso")).isEqualTo(1.0);
        assertThat(gauge(IntentRateGauges.COMPLETION_RATE, IntentRateGauges.OTHER)).isEqualTo(0.5);
        assertThat(registry.find(IntentRateGauges.COMPLETION_RATE).tag("intent", "export").gauge()).isNull();
    }

    @Test
    void otherWindowsCohortsAndOlderWindowsAreIgnored() {
        // Given
        gauges.bindTo(registry);
        gauges.onLiveMetrics(totals("billing", "1d", CohortKey.ALL_COHORTS, DAY, 100, 80, 10));

        // When updates arrive for another window, a single cohort, and an earlier day
        gauges.onLiveMetrics(totals("billing", "1h", CohortKey.ALL_COHORTS, DAY, 10, 0, 10));
        gauges.onLiveMetrics(totals("billing", "1d", new CohortKey("p1", "h1", "c1", ""), DAY, 10, 0, 10));
        gauges.onLiveMetrics(totals("billing", "1d", CohortKey.ALL_COHORTS, DAY.minus(Duration.ofDays(1)), 10, 0,
                10));

        // Then
        assertThat(gauge(IntentRateGauges.COMPLETION_RATE, "billing")).isEqualTo(0.8);
    }
}
