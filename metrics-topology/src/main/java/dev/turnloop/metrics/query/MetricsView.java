package dev.turnloop.metrics.query;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.turnloop.metrics.window.CohortKey;
import dev.turnloop.schemas.IntentMetrics;
import java.util.Locale;

/** One window of one intent x cohort as the query API shows it (snake_case JSON, times as ISO-8601 instants). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricsView(
        String intentId,
        String window,
        String windowStart,
        String windowEnd,
        String cohortKey,
        String cohortLevel,
        String promptVersion,
        String harnessVersion,
        String configVersion,
        String segment,
        long conversations,
        long completed,
        long abandoned,
        long escalated,
        long withRepair,
        long withNegative,
        double completionRate,
        double abandonmentRate,
        double escalationRate,
        double repairRate,
        double negativeRate,
        double turnDepthMean,
        double turnDepthP50,
        double turnDepthP90) {

    public static MetricsView of(IntentMetrics m) {
        CohortKey cohort = CohortKey.of(m.getCohort());
        return new MetricsView(m.getIntentId(), m.getWindow(), m.getWindowStart().toString(),
                m.getWindowEnd().toString(), cohort.encode(), cohort.level().name().toLowerCase(Locale.ROOT),
                cohort.promptVersion(), cohort.harnessVersion(), cohort.configVersion(), cohort.segment(),
                m.getConversations(), m.getCompleted(), m.getAbandoned(), m.getEscalated(), m.getWithRepair(),
                m.getWithNegative(), m.getCompletionRate(), m.getAbandonmentRate(), m.getEscalationRate(),
                m.getRepairRate(), m.getNegativeRate(), m.getTurnDepthMean(), m.getTurnDepthP50(),
                m.getTurnDepthP90());
    }
}
