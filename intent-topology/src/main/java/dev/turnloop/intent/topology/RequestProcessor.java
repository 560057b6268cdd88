package dev.turnloop.intent.topology;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.cluster.Assignment;
import dev.turnloop.intent.cluster.IntentModel;
import dev.turnloop.intent.cluster.IntentModelCodec;
import dev.turnloop.intent.cluster.MicroCluster;
import dev.turnloop.intent.cluster.MicroClusterCodec;
import dev.turnloop.intent.cluster.MicroClusterer;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.intent.kinds.KindTagger;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentAssignment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-task level of intent discovery. A conversation's first request is redacted, embedded and absorbed into this
 * task's micro-clusters, and assigned EARLY to the nearest intent of the current global model; at close it is
 * CONFIRMED as the intent that owns its micro-cluster in the model of that time, carrying the summary. On a timer the
 * task publishes its micro-clusters for the single merge step.
 *
 * <p>Outputs are keyed by conversation id ({@link IntentAssignment}) or by task ({@link TaskSnapshot} bytes), routed by
 * type downstream.
 */
final class RequestProcessor implements Processor<String, RequestEvent, String, Object> {

    /** Key prefix, in the details store, of the redirect left by a folded micro-cluster. */
    private static final String FOLDED = "folded:";

    private final IntentSettings settings;
    private final Embedder embedder;
    private final KindTagger kinds;
    private final UnaryOperator<String> redact;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> microClusters;
    private KeyValueStore<String, byte[]> details;
    private KeyValueStore<String, byte[]> requests;
    private KeyValueStore<String, byte[]> models;
    private MicroClusterer clusterer;
    private IntentModel model;
    private boolean changedSinceSnapshot;

    RequestProcessor(IntentSettings settings, Embedder embedder, KindTagger kinds, UnaryOperator<String> redact) {
        this.settings = settings;
        this.embedder = embedder;
        this.kinds = kinds;
        this.redact = redact;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.microClusters = context.getStateStore(IntentGraph.MICRO_CLUSTERS_STORE);
        this.details = context.getStateStore(IntentGraph.MICRO_CLUSTER_DETAILS_STORE);
        this.requests = context.getStateStore(IntentGraph.OPEN_REQUESTS_STORE);
        this.models = context.getStateStore(IntentGraph.INTENT_MODEL_STORE);
        List<MicroCluster> saved = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = microClusters.all()) {
            all.forEachRemaining(entry -> saved.add(MicroClusterCodec.decode(entry.value)));
        }
        this.clusterer = MicroClusterer.restore(context.taskId().partition(), embedder.dimension(),
                settings.clustering(), saved);
        context.schedule(settings.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publishSnapshot());
    }

    @Override
    public void process(Record<String, RequestEvent> record) {
        if (record.value() instanceof RequestEvent.FirstRequest first) {
            if (requests.get(first.conversationId()) == null) {
                absorb(first, record.timestamp());
            }
        } else if (record.value() instanceof RequestEvent.Closed closed) {
            confirm(closed.summary(), record.timestamp());
        }
    }

    private void absorb(RequestEvent.FirstRequest first, long timestamp) {
        String request = redact.apply(first.text());
        if (request.isBlank()) {
            return;
        }
        float[] vector = embedder.embed(request);
        MicroClusterer.Absorption absorption = clusterer.add(first.conversationId(), vector, first.eventTime());
        MicroCluster cluster = absorption.cluster();
        microClusters.put(key(cluster.id()), MicroClusterCodec.encode(cluster));
        MicroClusterDetails kept = detailsOf(cluster.id());
        absorption.fold().ifPresent(fold -> {
            microClusters.delete(key(fold.removedId()));
            // requests of the folded micro-cluster now live in the one it joined
            details.put(FOLDED + key(fold.removedId()), key(fold.into().id()).getBytes(StandardCharsets.UTF_8));
            MicroClusterDetails removed = detailsOf(fold.removedId());
            details.delete(key(fold.removedId()));
            microClusters.put(key(fold.into().id()), MicroClusterCodec.encode(fold.into()));
            details.put(key(fold.into().id()), detailsOf(fold.into().id())
                    .merge(removed, settings.examplesPerMicroCluster()).encode());
        });
        details.put(key(cluster.id()), kept.with(request, settings.examplesPerMicroCluster(), first.userId()).encode());
        requests.put(first.conversationId(), new RequestMemory(cluster.id(), vector).encode());
        changedSinceSnapshot = true;
        IntentModel current = currentModel();
        current.assign(vector).ifPresent(assignment -> context.forward(new Record<String, Object>(
                first.conversationId(), assignment(current, first.conversationId(), assignment.intentId(),
                        (float) assignment.similarity(), AssignmentStage.EARLY, first.userId(), first.eventTime(),
                        request, vector, null), timestamp)));
    }

    private void confirm(ConversationSummary summary, long timestamp) {
        String conversation = summary.getConversationId();
        byte[] remembered = requests.get(conversation);
        RequestMemory memory;
        if (remembered != null) {
            memory = RequestMemory.decode(remembered);
        } else if (!summary.getFirstUserText().isBlank()) {
            memory = new RequestMemory(-1, embedder.embed(summary.getFirstUserText()));
        } else {
            return; // nothing the user asked: no intent to speak of
        }
        requests.delete(conversation);
        IntentModel current = currentModel();
        Optional<Assignment> nearest = current.assign(memory.vector());
        Optional<String> owner = memory.microClusterId() < 0 ? Optional.empty()
                : current.ownerOf(followFolds(memory.microClusterId()));
        String intentId = owner.or(() -> nearest.map(Assignment::intentId)).orElse(IntentGraph.UNASSIGNED);
        float similarity = nearest.map(a -> (float) a.similarity()).orElse(0f);
        context.forward(new Record<String, Object>(conversation, assignment(current, conversation, intentId,
                similarity, AssignmentStage.CONFIRMED, summary.getUserId(), summary.getClosedAt().toEpochMilli(),
                summary.getFirstUserText(), memory.vector(), summary), timestamp));
    }

    private IntentAssignment assignment(IntentModel current, String conversation, String intentId, float similarity,
            AssignmentStage stage, String userId, long eventTime, String request, float[] vector,
            ConversationSummary summary) {
        String theme = current.intent(intentId).map(dev.turnloop.intent.cluster.Intent::themeId).orElse("");
        return IntentAssignment.newBuilder()
                .setConversationId(conversation)
                .setIntentId(intentId)
                .setThemeId(theme)
                .setSimilarity(similarity)
                .setStage(stage)
                .setModelVersion(current.version())
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setUserId(userId)
                .setKinds(kinds.tag(request, vector))
                .setSummary(summary)
                .build();
    }

    /** The global model, decoded again only when the merge step published a new version. */
    private IntentModel currentModel() {
        byte[] version = models.get(IntentGraph.MODEL_VERSION_KEY);
        if (version == null) {
            if (model == null) {
                model = IntentModel.empty(embedder.modelId(), embedder.dimension());
            }
            return model;
        }
        long published = java.nio.ByteBuffer.wrap(version).getLong();
        if (model == null || model.version() != published) {
            byte[] bytes = models.get(IntentGraph.MODEL_KEY);
            if (bytes != null) {
                model = IntentModelCodec.decode(bytes);
            }
        }
        return model;
    }

    private void publishSnapshot() {
        if (!changedSinceSnapshot) {
            return;
        }
        List<MicroCluster> clusters = clusterer.snapshot();
        Map<Long, MicroClusterDetails> all = new HashMap<>();
        for (MicroCluster cluster : clusters) {
            all.put(cluster.id(), detailsOf(cluster.id()));
        }
        context.forward(new Record<String, Object>(IntentGraph.TASK_KEY_PREFIX + context.taskId(),
                TaskSnapshot.of(clusters, all), context.currentSystemTimeMs()));
        changedSinceSnapshot = false;
    }

    /** The micro-cluster that now holds the requests of {@code microClusterId}, through any folds since. */
    private long followFolds(long microClusterId) {
        long current = microClusterId;
        for (int hops = 0; hops < 64; hops++) {
            byte[] into = details.get(FOLDED + key(current));
            if (into == null) {
                return current;
            }
            current = Long.parseLong(new String(into, StandardCharsets.UTF_8));
        }
        return current;
    }

    private MicroClusterDetails detailsOf(long microClusterId) {
        byte[] bytes = details.get(key(microClusterId));
        return bytes == null ? MicroClusterDetails.empty() : MicroClusterDetails.decode(bytes);
    }

    private static String key(long microClusterId) {
        return Long.toString(microClusterId);
    }
}
