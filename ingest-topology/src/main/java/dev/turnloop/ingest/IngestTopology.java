package dev.turnloop.ingest;

import dev.turnloop.ingest.decode.AvroTurnDecoder;
import dev.turnloop.ingest.decode.JsonTurnDecoder;
import dev.turnloop.ingest.decode.OtlpSpanDecoder;
import dev.turnloop.ingest.decode.TurnValidator;
import dev.turnloop.ingest.signals.ConversationTracker;
import dev.turnloop.ingest.signals.RequestSimilarity;
import dev.turnloop.ingest.signals.Summaries;
import dev.turnloop.ingest.signals.TurnSignalDetector;
import dev.turnloop.ingest.topology.IngestGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.SchemaRegistryClient;
import dev.turnloop.textkit.SentimentScorer;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Ingest: validated, deduplicated, ordered turns with real-time conversation signals.
 *
 * <pre>
 * in : turns (Avro wire format), turns-json (JSON), otlp-spans (OTLP JSON)      key: conversation id (or anything)
 * out: turns-enriched (EnrichedTurn), signals (SignalEvent), conversation-summaries (ConversationSummary)
 *      key: conversation id;  dead-letters: original bytes, reason in headers
 * rule: outcome = handed off ? ESCALATED : resolved ? COMPLETED : ABANDONED (after the inactivity gap, event time)
 * </pre>
 *
 * Build it with {@link #build}; run it with any runner (the {@code turnloop} command, TopologyTestDriver in tests).
 */
public final class IngestTopology {

    /** The application id suffix: the app runs as {@code <prefix>-ingest}. */
    public static final String APP = "ingest";

    private IngestTopology() {
    }

    /** The parts of the topology that do the reading, so tests and benchmarks can swap nothing but the topics. */
    public record Readers(TurnSignalDetector detector, ConversationTracker tracker, Summaries summaries) {

        public static Readers standard(IngestSettings settings, RequestSimilarity similarity,
                UnaryOperator<String> redactRequest) {
            return new Readers(new TurnSignalDetector(SentimentScorer.standard(), similarity, settings),
                    new ConversationTracker(redactRequest), new Summaries(settings.segmentAttributes()));
        }
    }

    /** The writer schema of an id, null when the registry does not know it; other registry errors propagate. */
    private static org.apache.avro.Schema knownSchemaOrNull(SchemaRegistryClient registry, int id) {
        try {
            return registry.schemaById(id);
        } catch (dev.turnloop.schemas.registry.SchemaRegistryException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    public static Topology build(TopicCatalog topics, SchemaRegistryClient registry, IngestSettings settings,
            Readers readers) {
        StreamsBuilder builder = new StreamsBuilder();
        IngestGraph.addTo(builder, topics, settings, readers.detector(), readers.tracker(), readers.summaries(),
                new AvroTurnDecoder(id -> knownSchemaOrNull(registry, id)), new JsonTurnDecoder(), new OtlpSpanDecoder(),
                new TurnValidator(settings.limits()));
        return builder.build();
    }
}
