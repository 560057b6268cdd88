package dev.turnloop.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * turnloop's configuration, declared once with documentation and validators (Kafka's ConfigDef). Sources, later
 * ones winning: documented defaults, one properties file, environment variables, command-line flags.
 *
 * <p>Environment: {@code TURNLOOP_BOOTSTRAP_SERVERS}, {@code TURNLOOP_SCHEMA_REGISTRY_URL}, {@code TURNLOOP_TOPIC_PREFIX},
 * ... (each key below names its variable), and {@code TURNLOOP_KAFKA_<KEY>} for any Kafka client setting, e.g.
 * {@code TURNLOOP_KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes {@code security.protocol}. Keys in the file that turnloop
 * does not declare are passed through to every Kafka client (security, SASL, SSL, tuning).
 */
public final class TurnloopConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String TOPIC_PREFIX = "turnloop.topic.prefix";
    public static final String TOPIC_PARTITIONS = "turnloop.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "turnloop.topic.replication.factor";
    public static final String STATE_DIR = "state.dir";
    public static final String AUTO_REGISTER_SCHEMAS = "turnloop.schemas.auto.register";

    static final String ENV_PREFIX = "TURNLOOP_";
    static final String KAFKA_ENV_PREFIX = "TURNLOOP_KAFKA_";

    private static final Map<String, String> ENV_NAMES = Map.of(
            BOOTSTRAP_SERVERS, "TURNLOOP_BOOTSTRAP_SERVERS",
            SCHEMA_REGISTRY_URL, "TURNLOOP_SCHEMA_REGISTRY_URL",
            TOPIC_PREFIX, "TURNLOOP_TOPIC_PREFIX",
            TOPIC_PARTITIONS, "TURNLOOP_TOPIC_PARTITIONS",
            TOPIC_REPLICATION_FACTOR, "TURNLOOP_TOPIC_REPLICATION_FACTOR",
            STATE_DIR, "TURNLOOP_STATE_DIR",
            AUTO_REGISTER_SCHEMAS, "TURNLOOP_SCHEMAS_AUTO_REGISTER");

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka brokers, host:port[,host:port]. Env TURNLOOP_BOOTSTRAP_SERVERS.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, "http://localhost:8080/apis/ccompat/v7",
                    new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Confluent-compatible schema registry (Confluent, Apicurio /apis/ccompat/v7, ...); mock://name for "
                            + "an in-memory registry (tests and the demo only). Env TURNLOOP_SCHEMA_REGISTRY_URL.")
            .define(TOPIC_PREFIX, Type.STRING, "turnloop", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Prefix of every topic name and Streams application id. Env TURNLOOP_TOPIC_PREFIX.")
            .define(TOPIC_PARTITIONS, Type.INT, 6, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the per-conversation topics. Env TURNLOOP_TOPIC_PARTITIONS.")
            .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.MEDIUM,
                    "Replication factor of created topics; -1 takes the broker default. "
                            + "Env TURNLOOP_TOPIC_REPLICATION_FACTOR.")
            .define(STATE_DIR, Type.STRING, Path.of(System.getProperty("java.io.tmpdir"), "turnloop-state").toString(),
                    Importance.MEDIUM, "Kafka Streams state directory (RocksDB). Env TURNLOOP_STATE_DIR.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, false, Importance.LOW,
                    "Let producers register schemas. Off in production: run `turnloop schemas register` instead. "
                            + "Env TURNLOOP_SCHEMAS_AUTO_REGISTER.");

    private final Map<String, Object> clientPassThrough;

    private TurnloopConfig(Map<String, Object> values, Map<String, Object> clientPassThrough) {
        super(DEFINITION, values, false);
        this.clientPassThrough = Map.copyOf(clientPassThrough);
    }

    /**
     * Loads the configuration.
     *
     * @param file optional properties file (null for none)
     * @param env the environment (System.getenv() in production)
     * @param flags values given on the command line, by config key
     */
    public static TurnloopConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, Object> values = new HashMap<>();
        Map<String, Object> passThrough = new HashMap<>();
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage()
                        + "; pass an existing properties file to --config");
            }
            props.stringPropertyNames().forEach(key -> {
                if (DEFINITION.names().contains(key)) {
                    values.put(key, props.getProperty(key));
                } else {
                    passThrough.put(key, props.getProperty(key));
                }
            });
        }
        ENV_NAMES.forEach((key, envName) -> {
            String value = env.get(envName);
            if (value != null && !value.isBlank()) {
                values.put(key, value);
            }
        });
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENV_PREFIX)) {
                passThrough.put(name.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        flags.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        return new TurnloopConfig(values, passThrough);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    public short replicationFactor() {
        return getShort(TOPIC_REPLICATION_FACTOR);
    }

    public String stateDir() {
        return getString(STATE_DIR);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS) || schemaRegistryUrl().startsWith("mock://");
    }

    /** Settings for every Kafka client: bootstrap servers plus the pass-through (security, tuning). */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>(clientPassThrough);
        props.put(BOOTSTRAP_SERVERS, bootstrapServers());
        return props;
    }

    /** The documentation of every setting, for --help and the README. */
    public static String documentation() {
        StringBuilder doc = new StringBuilder();
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            doc.append(String.format("  %-36s default: %s%n      %s%n", key.name, key.defaultValue, key.documentation));
        }
        return doc.toString();
    }
}
