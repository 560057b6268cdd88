package dev.turnloop.app.run;

import dev.turnloop.app.cli.Pipeline;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.IntentTopology;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.MetricsStreams;
import dev.turnloop.metrics.MetricsTopology;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.window.IntentRateGauges;
import dev.turnloop.pr.PrWorker;
import dev.turnloop.pr.PrWorkerSettings;
import dev.turnloop.pr.PrWorkerStreams;
import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.repo.AccessToken;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.pr.worker.MergeNotifications;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;

/** turnloop's deployable apps, each a topology with its properties, built from the configuration. */
public final class TurnloopApps {

    /** Something an app serves next to its Streams instance (an HTTP endpoint), started once Streams runs. */
    @FunctionalInterface
    public interface Sidecar {
        AutoCloseable start(KafkaStreams streams) throws IOException;
    }

    /** One app: its name, topology, Streams properties and optional sidecar. */
    public record App(String name, Topology topology, Properties properties, Sidecar sidecar) {
        App(String name, Topology topology, Properties properties) {
            this(name, topology, properties, streams -> () -> { });
        }
    }

    /** Where the PR worker works: the target repository, its settings, a work dir and the forge token (null: none). */
    public record PrWorkerSetup(TargetRepoConfig target, PrWorkerSettings settings, Path workDir, AccessToken token) {
    }

    /** The apps that exist today, by name, in the order `run all` starts them. */
    public static final List<String> NAMES = List.of(IngestTopology.APP, IntentTopology.APP, MetricsTopology.APP,
            PrWorker.APP);

    private TurnloopApps() {
    }

    public static App ingest(Pipeline pipeline, IngestSettings settings, int threads, int standbys) {
        Properties props = IngestStreams.properties(pipeline.config().kafkaClientProperties(),
                pipeline.topics().applicationId(IngestTopology.APP), stateDir(pipeline, IngestTopology.APP),
                pipeline.topics().deadLetters.name());
        tune(props, pipeline, threads, standbys);
        return new App(IngestTopology.APP, IngestTopology.build(pipeline.topics(), pipeline.registry(), settings,
                IngestStreams.readers(settings)), props);
    }

    /** The intents app; the embedder (an ONNX model off-heap) is shared by its stream threads. */
    public static App intents(Pipeline pipeline, IntentSettings settings, Embedder embedder, int threads,
            int standbys) {
        Properties props = IntentStreams.properties(pipeline.config().kafkaClientProperties(),
                pipeline.topics().applicationId(IntentTopology.APP), stateDir(pipeline, IntentTopology.APP),
                pipeline.topics().deadLetters.name());
        tune(props, pipeline, threads, standbys);
        return new App(IntentTopology.APP, IntentTopology.build(pipeline.topics(), settings, embedder,
                IntentStreams.redaction()), props);
    }

    /**
     * The metrics app; its interactive queries are served on {@code queryPort} (0 = none) and its per-intent gauges
     * are bound to {@code registry}.
     */
    /**
     * Where the metrics app serves its interactive queries: the address it binds, the host other instances reach it
     * at (advertised through Streams metadata, so it must be routable: the pod's DNS name in Kubernetes), and the
     * port; port -1 turns the API off. With a token, every request needs it as a bearer token.
     */
    public record QueryEndpoint(String bindHost, String advertisedHost, int port, Optional<BearerToken> token) {

        public static QueryEndpoint local(int port) {
            return new QueryEndpoint("127.0.0.1", "127.0.0.1", port, Optional.empty());
        }
    }

    public static App metrics(Pipeline pipeline, MetricsSettings settings, BreachRules rules, QueryEndpoint query,
            MeterRegistry registry, int threads, int standbys) {
        HostInfo self = new HostInfo(query.advertisedHost(), Math.max(query.port(), 1));
        Properties props = MetricsStreams.properties(pipeline.config().kafkaClientProperties(),
                pipeline.topics().applicationId(MetricsTopology.APP), stateDir(pipeline, MetricsTopology.APP),
                pipeline.topics().deadLetters.name(), self);
        tune(props, pipeline, threads, standbys);
        IntentRateGauges gauges = new IntentRateGauges("1d", 20);
        gauges.bindTo(registry);
        Topology topology = MetricsTopology.build(pipeline.topics(), settings, rules, gauges);
        Sidecar queries = query.port() <= 0 ? streams -> () -> { }
                : streams -> MetricsStreams.startQueryServer(streams, settings, self,
                        new InetSocketAddress(query.bindHost(), query.port()), query.token());
        return new App(MetricsTopology.APP, topology, props, queries);
    }

    public static App prWorker(Pipeline pipeline, PrWorkerSetup setup, MergeNotifications merges) {
        return prWorker(pipeline, setup, PrWorkerStreams.forge(setup.target(), setup.token()), merges);
    }

    /** The PR worker with a given forge (the demo shares its local forge with the reviewer who merges). */
    public static App prWorker(Pipeline pipeline, PrWorkerSetup setup, Forge forge, MergeNotifications merges) {
        GitWorkspace workspace = setup.token() == null ? GitWorkspace.open(setup.target(), setup.workDir())
                : GitWorkspace.open(setup.target(), setup.workDir(), setup.token());
        Properties props = PrWorkerStreams.properties(pipeline.config().kafkaClientProperties(),
                pipeline.topics().applicationId(PrWorker.APP), stateDir(pipeline, PrWorker.APP),
                pipeline.topics().deadLetters.name());
        tune(props, pipeline, 1, 0);
        return new App(PrWorker.APP, PrWorker.build(pipeline.topics(), setup.settings(),
                new PrWorker.Effects(workspace, forge, merges)), props);
    }

    private static String stateDir(Pipeline pipeline, String app) {
        return Path.of(pipeline.config().stateDir(), app).toString();
    }

    private static void tune(Properties props, Pipeline pipeline, int threads, int standbys) {
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
        short replication = pipeline.config().replicationFactor();
        if (replication > 0) {
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        }
    }
}
