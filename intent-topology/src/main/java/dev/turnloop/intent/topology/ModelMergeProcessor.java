package dev.turnloop.intent.topology;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.cluster.Intent;
import dev.turnloop.intent.cluster.IntentModel;
import dev.turnloop.intent.cluster.IntentModelBuilder;
import dev.turnloop.intent.cluster.IntentModelCodec;
import dev.turnloop.intent.cluster.LineageEvent;
import dev.turnloop.intent.cluster.MicroCluster;
import dev.turnloop.intent.cluster.ModelUpdate;
import dev.turnloop.intent.naming.IntentName;
import dev.turnloop.intent.naming.IntentNamer;
import dev.turnloop.intent.naming.IntentSample;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentEventKind;
import dev.turnloop.schemas.IntentStatus;
import dev.turnloop.schemas.LineageKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single-partition level of intent discovery: keeps the latest micro-cluster snapshot of every task and, on a
 * timer, merges them into the global intent model (stable ids, lineage), names the intents, applies the privacy gate,
 * and publishes the model (for assignment everywhere), the catalog (for people) and new / spiking intent events.
 */
final class ModelMergeProcessor implements Processor<String, byte[], String, Object> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "model";
    private static final String HISTORY = "history";
    private static final String LINEAGE = "lineage";
    private static final String ANNOUNCED = "announced";

    private final IntentSettings settings;
    private final IntentModelBuilder builder;
    private final IntentNamer namer = new IntentNamer();
    private final String embedderId;
    private final int dimension;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> snapshots;
    private KeyValueStore<String, byte[]> state;
    private boolean dirty;

    /** The published model, written as two records so readers can check the version cheaply. */
    record PublishedModel(byte[] model, long version) {
    }

    ModelMergeProcessor(IntentSettings settings, String embedderId, int dimension) {
        this.settings = settings;
        this.embedderId = embedderId;
        this.dimension = dimension;
        this.builder = new IntentModelBuilder(embedderId, dimension, settings.clustering());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.snapshots = context.getStateStore(IntentGraph.TASK_SNAPSHOTS_STORE);
        this.state = context.getStateStore(IntentGraph.INTENT_MODEL_STATE_STORE);
        context.schedule(settings.rebuildInterval(), PunctuationType.WALL_CLOCK_TIME, this::rebuild);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        snapshots.put(record.key(), record.value());
        dirty = true;
    }

    private void rebuild(long now) {
        if (!dirty) {
            return;
        }
        dirty = false;
        List<MicroCluster> clusters = new ArrayList<>();
        Map<Long, MicroClusterDetails> details = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = snapshots.all()) {
            all.forEachRemaining(entry -> {
                TaskSnapshot snapshot = TaskSnapshot.decode(entry.value);
                clusters.addAll(snapshot.microClusters());
                details.putAll(snapshot.details());
            });
        }
        if (clusters.isEmpty()) {
            return;
        }
        byte[] previousBytes = state.get(MODEL);
        IntentModel previous = previousBytes == null ? IntentModel.empty(embedderId, dimension)
                : IntentModelCodec.decode(previousBytes);
        ModelUpdate update = builder.build(clusters, previous, now);
        IntentModel model = update.model();
        byte[] encoded = IntentModelCodec.encode(model);
        state.put(MODEL, encoded);
        context.forward(new Record<String, Object>(MODEL, new PublishedModel(encoded, model.version()), now));

        Map<String, List<LineageEvent>> lineage = rememberLineage(update.lineage());
        Map<String, Set<Long>> users = new HashMap<>();
        List<IntentSample> samples = new ArrayList<>();
        for (MicroCluster cluster : clusters) {
            String owner = model.ownerOf(cluster.id()).orElse(null);
            MicroClusterDetails d = details.get(cluster.id());
            if (owner == null || d == null) {
                continue;
            }
            users.computeIfAbsent(owner, o -> new HashSet<>()).addAll(d.userHashes());
            for (String example : d.examples()) {
                samples.add(new IntentSample(owner, example, cluster.mean()));
            }
        }
        Map<String, IntentName> names = namer.nameIntents(model, samples);
        Map<String, IntentName> themes = namer.nameThemes(model, samples);
        Map<String, double[]> history = readJson(HISTORY, new TypeReference<>() { }, new HashMap<>());
        Set<String> announced = readJson(ANNOUNCED, new TypeReference<>() { }, new HashSet<>());
        for (Intent intent : model.intents()) {
            int distinctUsers = users.getOrDefault(intent.id(), Set.of()).size();
            boolean published = distinctUsers >= settings.minDistinctUsers();
            IntentName name = names.get(intent.id());
            IntentName theme = themes.get(intent.themeId());
            context.forward(new Record<String, Object>(intent.id(), catalogEntry(intent, model, name, theme,
                    distinctUsers, published, lineage.getOrDefault(intent.id(), List.of()), IntentStatus.ACTIVE, now),
                    now));
            String label = published && name != null ? name.label() : "";
            if (published && announced.add(intent.id())) {
                context.forward(new Record<String, Object>(intent.id(), new IntentEvent(intent.id(),
                        IntentEventKind.NEW, label, Instant.ofEpochMilli(now), intent.count(), 0.0, 0.0, 0.0), now));
            }
            spike(intent, label, published, history, now);
        }
        for (LineageEvent event : update.lineage()) {
            if (event.type() == LineageEvent.Type.RETIRED || event.type() == LineageEvent.Type.MERGED_INTO) {
                IntentStatus status = event.type() == LineageEvent.Type.RETIRED ? IntentStatus.RETIRED
                        : IntentStatus.MERGED;
                context.forward(new Record<String, Object>(event.intentId(), catalogEntry(
                        new Intent(event.intentId(), "", 0, new float[dimension], 0, now, now), model, null, null, 0,
                        false, lineage.getOrDefault(event.intentId(), List.of()), status, now), now));
            }
        }
        writeJson(HISTORY, history);
        writeJson(ANNOUNCED, announced);
    }

    /** Volume since the last build against the intent's own moving average. */
    private void spike(Intent intent, String label, boolean published, Map<String, double[]> history, long now) {
        double[] h = history.computeIfAbsent(intent.id(), id -> new double[] {intent.count(), -1});
        double added = intent.count() - h[0];
        double baseline = h[1];
        if (published && baseline >= 0 && added >= settings.minSpikeVolume()
                && added > settings.spikeFactor() * Math.max(baseline, 1.0)) {
            context.forward(new Record<String, Object>(intent.id(), new IntentEvent(intent.id(),
                    IntentEventKind.SPIKING, label, Instant.ofEpochMilli(now), (long) added, baseline,
                    added / Math.max(baseline, 1.0), (added - baseline) / Math.sqrt(Math.max(baseline, 1.0))), now));
        }
        h[1] = baseline < 0 ? added : 0.8 * baseline + 0.2 * added;
        h[0] = intent.count();
    }

    private Map<String, List<LineageEvent>> rememberLineage(List<LineageEvent> events) {
        Map<String, List<String>> stored = readJson(LINEAGE, new TypeReference<>() { }, new HashMap<>());
        for (LineageEvent event : events) {
            stored.computeIfAbsent(event.intentId(), id -> new ArrayList<>()).add(event.type() + "|"
                    + event.relatedIntentId().orElse("") + "|" + event.modelVersion() + "|" + event.atMs());
        }
        writeJson(LINEAGE, stored);
        Map<String, List<LineageEvent>> lineage = new HashMap<>();
        stored.forEach((intent, entries) -> {
            for (String entry : entries) {
                String[] parts = entry.split("\\|", -1);
                lineage.computeIfAbsent(intent, i -> new ArrayList<>()).add(new LineageEvent(
                        LineageEvent.Type.valueOf(parts[0]), intent,
                        parts[1].isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(parts[1]),
                        Long.parseLong(parts[2]), Long.parseLong(parts[3])));
            }
        });
        return lineage;
    }

    private static IntentCatalogEntry catalogEntry(Intent intent, IntentModel model, IntentName name, IntentName theme,
            int distinctUsers, boolean published, List<LineageEvent> lineage, IntentStatus status, long now) {
        List<dev.turnloop.schemas.LineageEvent> history = new ArrayList<>();
        for (LineageEvent event : lineage) {
            history.add(new dev.turnloop.schemas.LineageEvent(kind(event.type()),
                    event.relatedIntentId().map(List::of).orElse(List.of()), Instant.ofEpochMilli(event.atMs()),
                    event.modelVersion()));
        }
        return IntentCatalogEntry.newBuilder()
                .setIntentId(intent.id())
                .setThemeId(intent.themeId())
                .setThemeLabel(published && theme != null ? theme.label() : "")
                .setLabel(published && name != null ? name.label() : "")
                .setKeyphrases(published && name != null ? name.keyphrases() : List.of())
                .setExamples(published && name != null ? name.examples() : List.of())
                .setConversations(intent.count())
                .setDistinctUsers(distinctUsers)
                .setPublished(published)
                .setStatus(status)
                .setLineage(history)
                .setCreatedAt(Instant.ofEpochMilli(intent.firstSeenMs()))
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .setModelVersion(model.version())
                .build();
    }

    private static LineageKind kind(LineageEvent.Type type) {
        return switch (type) {
            case CREATED -> LineageKind.CREATED;
            case MERGED_INTO -> LineageKind.MERGED_INTO;
            case SPLIT_FROM -> LineageKind.SPLIT_FROM;
            default -> LineageKind.ABSORBED;
        };
    }

    private <T> T readJson(String key, TypeReference<T> type, T fallback) {
        byte[] bytes = state.get(key);
        if (bytes == null) {
            return fallback;
        }
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt intent model state " + key, e);
        }
    }

    private void writeJson(String key, Object value) {
        try {
            state.put(key, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
