package dev.turnloop.intent.topology;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.intent.kinds.KindTagger;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The intent graph, top to bottom: first user turns (from turns-enriched) and closed conversations (from
 * conversation-summaries) -> the per-task request processor -> EARLY and CONFIRMED intent assignments, and task
 * micro-cluster snapshots -> intent-microclusters (one partition) -> the merge step -> intent-model (read back by
 * every instance as a global store), intent-catalog, intent-events.
 */
public final class IntentGraph {

    /** Micro-cluster summaries of this task, by micro-cluster id. */
    public static final String MICRO_CLUSTERS_STORE = "micro-clusters";
    /** Redacted examples and distinct-user hashes per micro-cluster. */
    public static final String MICRO_CLUSTER_DETAILS_STORE = "micro-cluster-details";
    /** Open conversations' request embeddings and micro-cluster, by conversation id. */
    public static final String OPEN_REQUESTS_STORE = "open-request-embeddings";
    /** The global intent model (a global store over the intent-model topic). */
    public static final String INTENT_MODEL_STORE = "intent-model-global";
    /** The merge step's latest snapshot of every task. */
    public static final String TASK_SNAPSHOTS_STORE = "task-micro-cluster-snapshots";
    /** The merge step's own model, lineage, announced intents and volume history. */
    public static final String INTENT_MODEL_STATE_STORE = "intent-model-state";

    static final String MODEL_KEY = "model";
    static final String MODEL_VERSION_KEY = "version";
    static final String TASK_KEY_PREFIX = "task-";
    /** The intent of a conversation closed before any model existed. */
    public static final String UNASSIGNED = "unassigned";

    private IntentGraph() {
    }

    public static void addTo(StreamsBuilder builder, TopicCatalog topics, IntentSettings settings, Embedder embedder,
            UnaryOperator<String> redact) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INTENT_MODEL_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                topics.intentModel.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("intent-model-source"),
                () -> new GlobalModelUpdater(INTENT_MODEL_STORE));

        KStream<String, RequestEvent> firstRequests = builder
                .stream(topics.enrichedTurns.name(), topics.enrichedTurns.consumed().withName("enriched-turns-source"))
                .filter((conversation, turn) -> turn.getTurn().getRole() == Role.USER && !turn.getAfterClose()
                        && !turn.getTurn().getText().isBlank(), Named.as("user-turns"))
                .mapValues(turn -> (RequestEvent) new RequestEvent.FirstRequest(turn.getTurn().getConversationId(),
                        turn.getTurn().getText(), turn.getTurn().getUserId(),
                        turn.getTurn().getEventTime().toEpochMilli()), Named.as("as-first-request"));
        KStream<String, RequestEvent> closed = builder
                .stream(topics.conversationSummaries.name(),
                        topics.conversationSummaries.consumed().withName("summaries-source"))
                .filter((conversation, summary) -> summary.getRevision() <= 1, Named.as("first-revisions"))
                .mapValues(summary -> (RequestEvent) new RequestEvent.Closed(summary), Named.as("as-closed"));

        for (String store : List.of(MICRO_CLUSTERS_STORE, MICRO_CLUSTER_DETAILS_STORE, OPEN_REQUESTS_STORE)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.ByteArray()));
        }
        KindTagger kinds = new KindTagger(embedder);
        KStream<String, Object> requestOutputs = firstRequests.merge(closed, Named.as("requests"))
                .process(() -> new RequestProcessor(settings, embedder, kinds, redact), Named.as("intent-requests"),
                        MICRO_CLUSTERS_STORE, MICRO_CLUSTER_DETAILS_STORE, OPEN_REQUESTS_STORE);
        Map<String, KStream<String, Object>> requestParts = requestOutputs.split(Named.as("request-"))
                .branch((key, value) -> value instanceof IntentAssignment, Branched.as("assignments"))
                .defaultBranch(Branched.as("snapshots"));
        requestParts.get("request-assignments").mapValues(value -> (IntentAssignment) value, Named.as("as-assignment"))
                .to(topics.intentAssignments.name(), topics.intentAssignments.produced()
                        .withName("intent-assignments-sink"));
        requestParts.get("request-snapshots").mapValues(value -> ((TaskSnapshot) value).encode(),
                        Named.as("encode-snapshot"))
                .to(topics.intentMicroClusters.name(), topics.intentMicroClusters.produced()
                        .withName("micro-clusters-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TASK_SNAPSHOTS_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INTENT_MODEL_STATE_STORE),
                Serdes.String(), Serdes.ByteArray()));
        KStream<String, Object> modelOutputs = builder
                .stream(topics.intentMicroClusters.name(), topics.intentMicroClusters.consumed()
                        .withName("micro-clusters-source"))
                .process(() -> new ModelMergeProcessor(settings, embedder.modelId(), embedder.dimension()),
                        Named.as("intent-model-merge"), TASK_SNAPSHOTS_STORE, INTENT_MODEL_STATE_STORE);
        Map<String, KStream<String, Object>> modelParts = modelOutputs.split(Named.as("model-"))
                .branch((key, value) -> value instanceof ModelMergeProcessor.PublishedModel, Branched.as("model"))
                .branch((key, value) -> value instanceof IntentCatalogEntry, Branched.as("catalog"))
                .branch((key, value) -> value instanceof IntentEvent, Branched.as("events"))
                .noDefaultBranch();
        modelParts.get("model-model")
                .flatMap((key, value) -> {
                    ModelMergeProcessor.PublishedModel published = (ModelMergeProcessor.PublishedModel) value;
                    return List.of(KeyValue.pair(MODEL_KEY, published.model()), KeyValue.pair(MODEL_VERSION_KEY,
                            ByteBuffer.allocate(8).putLong(published.version()).array()));
                }, Named.as("model-and-version"))
                .to(topics.intentModel.name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("intent-model-sink"));
        modelParts.get("model-catalog").mapValues(value -> (IntentCatalogEntry) value, Named.as("as-catalog-entry"))
                .to(topics.intentCatalog.name(), topics.intentCatalog.produced().withName("intent-catalog-sink"));
        modelParts.get("model-events").mapValues(value -> (IntentEvent) value, Named.as("as-intent-event"))
                .to(topics.intentEvents.name(), topics.intentEvents.produced().withName("intent-events-sink"));
    }

    /** Keeps the global store equal to the intent-model topic. */
    private static final class GlobalModelUpdater implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private KeyValueStore<String, byte[]> store;

        GlobalModelUpdater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
