package dev.turnloop.metrics;

import dev.turnloop.metrics.breach.BreachGraph;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.cohort.VerdictGraph;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Metrics: windowed outcome metrics per intent x cohort, breaches, and verdicts on shipped changes.
 *
 * <pre>
 * in : intent-assignments (IntentAssignment; CONFIRMED ones carry the closed ConversationSummary)  key: conversation
 *      intent-events (IntentEvent NEW/SPIKING)                                                     key: intent id
 *      change-events (ChangeEvent)                                                                  key: change id
 * out: intent-metrics-live, intent-metrics-final (IntentMetrics)   key: window|intent_id|cohort key
 *      breaches (Breach, OPEN then RESOLVED)                        key: rule_id|intent_id|segment
 *      cohort-verdicts (CohortVerdict)                              key: change id
 * cohort key: prompt_version|harness_version|config_version|segment, or *|*|*|segment, or * (all cohorts)
 * rule: a conversation counts once, at its close (event time), in every window that holds that time; a window's
 *       final result is published once, after its grace
 * </pre>
 *
 * Build it with {@link #build}; run it with {@link MetricsStreams#properties} (the app) or TopologyTestDriver (tests).
 */
public final class MetricsTopology {

    /** The application id suffix: the app runs as {@code <prefix>-metrics}. */
    public static final String APP = "metrics";

    private MetricsTopology() {
    }

    public static Topology build(TopicCatalog topics, MetricsSettings settings, BreachRules rules,
            LiveMetricsListener listener) {
        rules.requireWindows(settings.windowNames());
        StreamsBuilder builder = new StreamsBuilder();
        WindowedMetricsGraph.Streams metrics = WindowedMetricsGraph.addTo(builder, topics, settings.windows(),
                settings.stateStores(), listener);
        BreachGraph.addTo(builder, topics, rules, settings.evidence(), settings.breachScanInterval(),
                settings.stateStores(), metrics.conversationsBySeries(), metrics.finalMetrics());
        VerdictGraph.addTo(builder, topics, settings.verdicts(), settings.stateStores(), metrics.closedConversations());
        return builder.build();
    }

    /** The topology with the default breach rules and no live-metrics listener. */
    public static Topology build(TopicCatalog topics, MetricsSettings settings) {
        return build(topics, settings, BreachRules.defaults(), LiveMetricsListener.NONE);
    }
}
