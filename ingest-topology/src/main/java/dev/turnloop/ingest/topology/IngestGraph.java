package dev.turnloop.ingest.topology;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.decode.TurnDecoder;
import dev.turnloop.ingest.decode.TurnValidator;
import dev.turnloop.ingest.signals.ConversationTracker;
import dev.turnloop.ingest.signals.Summaries;
import dev.turnloop.ingest.signals.TurnSignalDetector;
import dev.turnloop.ingest.state.ConversationStateStore;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.SignalEvent;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The ingest graph, top to bottom: one source over the three input topics -> decode and validate -> dead letters to
 * their topic | turns (repartitioned by conversation id only when their input key was not it) -> the conversation
 * processor with its {@value #OPEN_CONVERSATIONS_STORE} store -> enriched turns, signals, summaries.
 */
public final class IngestGraph {

    /** Open (and recently closed) conversations by id: ordering, de-duplication, signal context, counts. */
    public static final String OPEN_CONVERSATIONS_STORE = "open-conversations";
    public static final String INPUT_SOURCE = "turn-inputs";
    public static final String DECODE = "decode-and-validate";
    public static final String CONVERSATIONS = "conversation-signals";
    public static final String REPARTITION = "turns-by-conversation";

    private IngestGraph() {
    }

    public static void addTo(StreamsBuilder builder, TopicCatalog topics, IngestSettings settings,
            TurnSignalDetector detector, ConversationTracker tracker, Summaries summaries, TurnDecoder avro,
            TurnDecoder json, TurnDecoder otlp, TurnValidator validator) {
        Map<String, DecodeProcessor.Input> inputs = Map.of(
                topics.turns.name(), new DecodeProcessor.Input(avro, "avro", true),
                topics.turnsJson.name(), new DecodeProcessor.Input(json, "json", true),
                topics.otlpSpans.name(), new DecodeProcessor.Input(otlp, "otlp", false));

        KStream<String, Decoded> decoded = builder
                .stream(List.of(topics.turns.name(), topics.turnsJson.name(), topics.otlpSpans.name()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(INPUT_SOURCE))
                .process(() -> new DecodeProcessor(inputs, validator), Named.as(DECODE));

        Map<String, KStream<String, Decoded>> branches = decoded.split(Named.as("decoded-"))
                .branch((key, value) -> value instanceof Decoded.DeadLetter, Branched.as("dead-letters"))
                .branch((key, value) -> ((Decoded.Turn) value).keyedByConversation(), Branched.as("keyed"))
                .defaultBranch(Branched.as("rekeyed"));

        branches.get("decoded-dead-letters")
                .map((key, value) -> KeyValue.pair(((Decoded.DeadLetter) value).key(),
                        ((Decoded.DeadLetter) value).value()), Named.as("dead-letter-bytes"))
                .to(topics.deadLetters.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters-sink"));

        SingleObjectSerde<TurnEvent> turnSerde = new SingleObjectSerde<>(TurnEvent.class);
        KStream<String, TurnEvent> keyed = branches.get("decoded-keyed").processValues(TurnOnly::new,
                Named.as("keyed-turns"));
        KStream<String, TurnEvent> rekeyed = branches.get("decoded-rekeyed").processValues(TurnOnly::new,
                        Named.as("rekeyed-turns"))
                .repartition(Repartitioned.with(Serdes.String(), turnSerde).withName(REPARTITION));

        // write-back: several turns of one conversation within a commit interval cost one encoding and one
        // changelog record, not several
        builder.addStateStore(ConversationStateStore.builder(OPEN_CONVERSATIONS_STORE, settings.recentStates()));
        KStream<String, Object> outputs = keyed.merge(rekeyed, Named.as("all-turns"))
                .process(() -> new ConversationProcessor(OPEN_CONVERSATIONS_STORE, settings, detector, tracker,
                        summaries), Named.as(CONVERSATIONS), OPEN_CONVERSATIONS_STORE);

        Map<String, KStream<String, Object>> byType = outputs.split(Named.as("output-"))
                .branch((key, value) -> value instanceof EnrichedTurn, Branched.as("enriched"))
                .branch((key, value) -> value instanceof SignalEvent, Branched.as("signals"))
                .branch((key, value) -> value instanceof ConversationSummary, Branched.as("summaries"))
                .noDefaultBranch();
        byType.get("output-enriched").mapValues(value -> (EnrichedTurn) value, Named.as("as-enriched-turn"))
                .to(topics.enrichedTurns.name(), topics.enrichedTurns.produced().withName("enriched-turns-sink"));
        byType.get("output-signals").mapValues(value -> (SignalEvent) value, Named.as("as-signal"))
                .to(topics.signals.name(), topics.signals.produced().withName("signals-sink"));
        byType.get("output-summaries").mapValues(value -> (ConversationSummary) value, Named.as("as-summary"))
                .to(topics.conversationSummaries.name(),
                        topics.conversationSummaries.produced().withName("summaries-sink"));
    }

    /** Unwraps a decoded turn; the key is already the conversation id. */
    private static final class TurnOnly implements FixedKeyProcessor<String, Decoded, TurnEvent> {
        private FixedKeyProcessorContext<String, TurnEvent> context;

        @Override
        public void init(FixedKeyProcessorContext<String, TurnEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Decoded> record) {
            context.forward(record.withValue(((Decoded.Turn) record.value()).turn()));
        }
    }
}
