package dev.turnloop.app.bench;

import dev.turnloop.app.cli.Pipeline;
import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.streams.StreamsDefaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The apps a benchmark measures, built by the same {@link TurnloopApps} builders that {@code turnloop run} uses (so
 * with exactly_once_v2 and default settings), on a fresh topic catalog of the bench cluster; plus the pass-through
 * baseline with the same Streams defaults. {@code -Dbench.streams.<key>=<value>} overrides a Streams setting of every
 * app, for experiments.
 */
final class BenchApps {

    private final BenchCluster cluster;
    private final Path stateRoot;
    private final int threads;

    /** @param threads stream threads of every app */
    BenchApps(BenchCluster cluster, Path stateRoot, int threads) {
        this.cluster = cluster;
        this.stateRoot = stateRoot;
        this.threads = threads;
    }

    TurnloopApps.App passThrough(TopicCatalog topics, String output) {
        return baseline(topics, "pass-through", PassThroughTopology.build(topics.turns.name(), output));
    }

    /** The stateful floor of {@code bench ingest}: Avro in, a conversation state per turn, Avro out, no logic. */
    TurnloopApps.App statefulFloor(TopicCatalog topics) {
        return baseline(topics, "stateful-floor", StatefulFloorTopology.build(topics));
    }

    /** A baseline app: the shared Streams defaults, this benchmark's threads, one replica for its internal topics. */
    private TurnloopApps.App baseline(TopicCatalog topics, String name, Topology topology) {
        Properties props = StreamsDefaults.properties(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                topics.applicationId(name), stateDir(topics).resolve(name).toString(), topics.deadLetters.name());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return withOverrides(new TurnloopApps.App(name, topology, props, streams -> () -> { }));
    }

    TurnloopApps.App ingest(TopicCatalog topics) {
        return withOverrides(TurnloopApps.ingest(pipeline(topics), IngestSettings.defaults(), threads, 0));
    }

    /** The intents app; its stream threads share {@code embedder}, as in {@code turnloop run}. */
    TurnloopApps.App intents(TopicCatalog topics, Embedder embedder) {
        return withOverrides(TurnloopApps.intents(pipeline(topics), IntentSettings.defaults(), embedder, threads, 0));
    }

    /** The metrics app without its query API. */
    TurnloopApps.App metrics(TopicCatalog topics) {
        return withOverrides(TurnloopApps.metrics(pipeline(topics), MetricsSettings.defaults(), BreachRules.defaults(),
                TurnloopApps.QueryEndpoint.local(-1), new SimpleMeterRegistry(), threads, 0));
    }

    /** Where the apps of this catalog keep their state, one folder per app. */
    Path stateDir(TopicCatalog topics) {
        return stateRoot.resolve(topics.prefix());
    }

    private Pipeline pipeline(TopicCatalog topics) {
        TurnloopConfig config = TurnloopConfig.load(null, Map.of(), Map.of(
                TurnloopConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                TurnloopConfig.TOPIC_PREFIX, topics.prefix(),
                TurnloopConfig.TOPIC_PARTITIONS, String.valueOf(topics.turns.partitions()),
                TurnloopConfig.TOPIC_REPLICATION_FACTOR, "1",
                TurnloopConfig.STATE_DIR, stateDir(topics).toString()));
        return new Pipeline(config, cluster.registry, topics);
    }

    private static TurnloopApps.App withOverrides(TurnloopApps.App app) {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> app.properties().put(k.substring("bench.streams.".length()), System.getProperty(k)));
        return app;
    }
}
