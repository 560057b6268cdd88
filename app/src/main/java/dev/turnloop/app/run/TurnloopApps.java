package dev.turnloop.app.run;

import dev.turnloop.app.cli.Pipeline;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** turnloop's deployable apps, each a topology with its properties, built from the configuration. */
public final class TurnloopApps {

    /** One app: its name, topology and Streams properties. */
    public record App(String name, Topology topology, Properties properties) {
    }

    /** The apps that exist today, by name. */
    public static final List<String> NAMES = List.of(IngestTopology.APP);

    private TurnloopApps() {
    }

    public static App create(String name, Pipeline pipeline, int threads, int standbys) {
        return switch (name) {
            case IngestTopology.APP -> ingest(pipeline, IngestSettings.defaults(), threads, standbys);
            default -> throw new IllegalArgumentException("unknown app '" + name + "'; choose one of " + NAMES
                    + " or all");
        };
    }

    public static App ingest(Pipeline pipeline, IngestSettings settings, int threads, int standbys) {
        Properties props = IngestStreams.properties(pipeline.config().kafkaClientProperties(),
                pipeline.topics().applicationId(IngestTopology.APP),
                Path.of(pipeline.config().stateDir(), IngestTopology.APP).toString(),
                pipeline.topics().deadLetters.name());
        tune(props, pipeline, threads, standbys);
        return new App(IngestTopology.APP, IngestTopology.build(pipeline.topics(), pipeline.registry(), settings,
                IngestStreams.readers(settings)), props);
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
