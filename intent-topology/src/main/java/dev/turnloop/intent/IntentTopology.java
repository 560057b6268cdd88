package dev.turnloop.intent;

import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.intent.topology.IntentGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Intents: emergent intents discovered online from what users ask, tracked live, named for people.
 *
 * <pre>
 * in : turns-enriched (first user turn: EARLY), conversation-summaries (close: CONFIRMED)   key: conversation id
 * out: intent-assignments (IntentAssignment, the CONFIRMED one carrying the summary)       key: conversation id
 *      intent-microclusters -> one merge step -> intent-model (global store), intent-catalog, intent-events
 * rule: a request joins its nearest micro-cluster (cosine >= 0.75) or starts one; the merge groups micro-clusters
 *       while requests of an intent stay on average >= 0.60 similar, never joining two groups whose requests are
 *       > 0.30 less similar across than within; ids follow shared micro-clusters
 * </pre>
 */
public final class IntentTopology {

    /** The application id suffix: the app runs as {@code <prefix>-intents}. */
    public static final String APP = "intents";

    private IntentTopology() {
    }

    /** @param redact redacts and caps a request before it is embedded or kept as an example */
    public static Topology build(TopicCatalog topics, IntentSettings settings, Embedder embedder,
            UnaryOperator<String> redact) {
        StreamsBuilder builder = new StreamsBuilder();
        IntentGraph.addTo(builder, topics, settings, embedder, redact);
        return builder.build();
    }
}
