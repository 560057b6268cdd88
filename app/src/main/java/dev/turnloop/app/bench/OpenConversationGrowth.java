package dev.turnloop.app.bench;

import dev.turnloop.app.bench.PipelineBenchmark.GrowthPoint;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.topology.IngestGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.io.PrintStream;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What open conversations cost the ingest app: turns of conversations that never end are loaded through it in steps
 * (e.g. 100k, then up to 1M turns), and after each step are read: the open-conversations store (entries, and bytes of
 * keys and values, through an interactive query), RocksDB's memory, the files of the app's state folder, this
 * process's resident memory, its heap after a full collection, and the resident memory outside the committed heap;
 * first once before any turn. The growth from one reading to the next, divided by the conversations opened in
 * between, is the cost per 100k open conversations at that size.
 */
final class OpenConversationGrowth {

    /** Kafka Streams' RocksDB memory metrics (recorded at INFO level), in bytes: memtables, block cache, indexes. */
    private static final List<String> ROCKSDB_MEMORY = List.of("size-all-mem-tables", "block-cache-usage",
            "estimate-table-readers-mem");

    private final BenchCluster cluster;
    private final BenchApps apps;
    private final int partitions;
    private final PrintStream progress;

    OpenConversationGrowth(BenchCluster cluster, BenchApps apps, int partitions, PrintStream progress) {
        this.cluster = cluster;
        this.apps = apps;
        this.partitions = partitions;
        this.progress = progress;
    }

    /** The baseline first (0 turns), then one point per size of {@code turnCounts}, ascending. */
    List<GrowthPoint> measure(List<Long> turnCounts) throws Exception {
        List<Long> sizes = turnCounts.stream().sorted().toList();
        TopicCatalog topics = cluster.freshTopics("growth", partitions);
        TurnloopApps.App ingest = apps.ingest(topics);
        SyntheticTurns load = SyntheticTurns.leavingConversationsOpen(13, 2_000,
                Instant.now().minus(Duration.ofHours(1)), stepWithinInactivityGap(sizes.get(sizes.size() - 1)));
        List<GrowthPoint> points = new ArrayList<>();
        try (RunningApps running = RunningApps.start(ingest)) {
            running.awaitRunning(Duration.ofMinutes(2));
            KafkaStreams streams = running.streams(ingest.name());
            Reading previous = read(streams, topics);
            points.add(point(0, previous, 0, previous));
            long loaded = 0;
            for (long size : sizes) {
                cluster.load(topics, size - loaded, load::next);
                loaded = size;
                cluster.awaitConsumed(topics.applicationId(ingest.name()), List.of(topics.turns.name()),
                        Duration.ofMinutes(30));
                Reading now = read(streams, topics).opened(load.conversationsStarted());
                GrowthPoint point = point(size, now, load.conversationsStarted(), previous);
                progress.printf("  %,10d turns  %,9d open conversations  store %,6.0f MB  RSS %,7.0f MB  "
                        + "heap %,6.0f MB%n", point.turns(), point.openConversations(), point.storeMb(),
                        point.rssMb(), point.heapMb());
                points.add(point);
                previous = now;
            }
        }
        return points;
    }

    /** Event time per turn such that the whole load spans half the inactivity gap: no conversation closes. */
    static Duration stepWithinInactivityGap(long turns) {
        Duration step = IngestSettings.defaults().inactivityGap().dividedBy(2).dividedBy(Math.max(1, turns));
        return step.compareTo(SyntheticTurns.DEFAULT_STEP) < 0 ? step : SyntheticTurns.DEFAULT_STEP;
    }

    private record Reading(long openConversations, long rss, long heapUsed, long heapCommitted, long rocksDbMemory,
            long storeEntries, long storeBytes, long diskBytes) {

        /** What lives outside the heap (RocksDB, the ONNX session, thread stacks, metaspace), roughly. */
        long offHeap() {
            return rss - heapCommitted;
        }

        Reading opened(long conversations) {
            return new Reading(conversations, rss, heapUsed, heapCommitted, rocksDbMemory, storeEntries, storeBytes,
                    diskBytes);
        }
    }

    private Reading read(KafkaStreams streams, TopicCatalog topics) {
        long rocksDb = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (ROCKSDB_MEMORY.contains(metric.getKey().name())
                    && metric.getValue().metricValue() instanceof Number bytes) {
                rocksDb += bytes.longValue();
            }
        }
        long entries = 0;
        long storeBytes = 0;
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                IngestGraph.OPEN_CONVERSATIONS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                entries++;
                storeBytes += entry.key.getBytes(StandardCharsets.UTF_8).length + entry.value.length;
            }
        }
        MemoryUsage heap = ProcessMemory.heapAfterGc();
        return new Reading(0, ProcessMemory.residentBytes(), heap.getUsed(), heap.getCommitted(), rocksDb, entries,
                storeBytes, ProcessMemory.bytesBelow(apps.stateDir(topics)));
    }

    /** The reading, with its growth over the previous one per 100,000 conversations opened in between. */
    private static GrowthPoint point(long turns, Reading now, long open, Reading previous) {
        long opened = open - previous.openConversations();
        double per100k = opened <= 0 ? 0 : 100_000.0 / opened;
        return new GrowthPoint(turns, open, now.storeEntries(), mb(now.storeBytes()), mb(now.diskBytes()),
                mb(now.rocksDbMemory()), mb(now.rss()), mb(now.heapUsed()), mb(now.offHeap()),
                mb(now.storeBytes() - previous.storeBytes()) * per100k, mb(now.rss() - previous.rss()) * per100k,
                mb(now.heapUsed() - previous.heapUsed()) * per100k, mb(now.offHeap() - previous.offHeap()) * per100k);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
