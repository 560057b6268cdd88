package dev.turnloop.app.cli;

import dev.turnloop.app.config.TurnloopConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that talks to Kafka shares; they override the config file and the environment. */
public final class ConnectionOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: turnloop settings plus any Kafka client settings (security, SASL, SSL).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (env TURNLOOP_BOOTSTRAP_SERVERS; default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible registry, e.g. http://localhost:8080/apis/ccompat/v7 "
                    + "(env TURNLOOP_SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of topic names and application ids (env TURNLOOP_TOPIC_PREFIX; default turnloop).")
    String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of per-conversation topics (env TURNLOOP_TOPIC_PARTITIONS; default 6).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of created topics; -1 = broker default (default -1).")
    Short replicationFactor;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory.")
    Path stateDir;

    public TurnloopConfig config() {
        Map<String, String> flags = new HashMap<>();
        put(flags, TurnloopConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        put(flags, TurnloopConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        put(flags, TurnloopConfig.TOPIC_PREFIX, topicPrefix);
        put(flags, TurnloopConfig.TOPIC_PARTITIONS, partitions);
        put(flags, TurnloopConfig.TOPIC_REPLICATION_FACTOR, replicationFactor);
        put(flags, TurnloopConfig.STATE_DIR, stateDir);
        return TurnloopConfig.load(configFile, System.getenv(), flags);
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
