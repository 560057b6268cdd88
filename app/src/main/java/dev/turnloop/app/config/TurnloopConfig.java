package dev.turnloop.app.config;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.intent.IntentSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
    public static final String INGEST_INACTIVITY_GAP_MS = "turnloop.ingest.inactivity.gap.ms";
    public static final String INGEST_REORDER_GRACE_MS = "turnloop.ingest.reorder.grace.ms";
    public static final String INGEST_SCAN_INTERVAL_MS = "turnloop.ingest.scan.interval.ms";
    public static final String INGEST_CLOSED_RETENTION_MS = "turnloop.ingest.closed.retention.ms";
    public static final String INGEST_SEGMENT_ATTRIBUTES = "turnloop.ingest.segment.attributes";
    public static final String INGEST_RESOLUTION_TOOLS = "turnloop.ingest.resolution.tools";
    public static final String INGEST_HANDOFF_TOOLS = "turnloop.ingest.handoff.tools";
    public static final String INGEST_RECENT_STATES = "turnloop.ingest.recent.states";
    public static final String INTENTS_MIN_DISTINCT_USERS = "turnloop.intents.min.distinct.users";
    public static final String INTENTS_SNAPSHOT_INTERVAL_MS = "turnloop.intents.snapshot.interval.ms";
    public static final String INTENTS_REBUILD_INTERVAL_MS = "turnloop.intents.rebuild.interval.ms";
    public static final String INTENTS_SPIKE_FACTOR = "turnloop.intents.spike.factor";
    public static final String INTENTS_MIN_SPIKE_VOLUME = "turnloop.intents.min.spike.volume";

    static final String ENV_PREFIX = "TURNLOOP_";
    static final String KAFKA_ENV_PREFIX = "TURNLOOP_KAFKA_";

    private static final IngestSettings INGEST_DEFAULTS = IngestSettings.defaults();
    private static final IntentSettings INTENT_DEFAULTS = IntentSettings.defaults();

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
                            + "Env TURNLOOP_SCHEMAS_AUTO_REGISTER.")
            .define(INGEST_INACTIVITY_GAP_MS, Type.LONG, INGEST_DEFAULTS.inactivityGap().toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Ingest: an open conversation with no turn for this long (event time) is closed, abandoned unless "
                            + "resolved. Env TURNLOOP_INGEST_INACTIVITY_GAP_MS.")
            .define(INGEST_REORDER_GRACE_MS, Type.LONG, INGEST_DEFAULTS.reorderGrace().toMillis(),
                    ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Ingest: how long (event time) a turn that arrived ahead of a missing predecessor waits for it. "
                            + "Env TURNLOOP_INGEST_REORDER_GRACE_MS.")
            .define(INGEST_SCAN_INTERVAL_MS, Type.LONG, INGEST_DEFAULTS.scanInterval().toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Ingest: how often (wall clock) open conversations are checked for inactivity and expired reorder "
                            + "waits. Env TURNLOOP_INGEST_SCAN_INTERVAL_MS.")
            .define(INGEST_CLOSED_RETENTION_MS, Type.LONG, INGEST_DEFAULTS.closedRetention().toMillis(),
                    ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Ingest: how long a closed conversation is remembered, to attach late turns and drop duplicates. "
                            + "Env TURNLOOP_INGEST_CLOSED_RETENTION_MS.")
            .define(INGEST_SEGMENT_ATTRIBUTES, Type.LIST, String.join(",", INGEST_DEFAULTS.segmentAttributes()),
                    Importance.MEDIUM, "Ingest: the user attributes that make up a cohort's segment, in order. "
                            + "Env TURNLOOP_INGEST_SEGMENT_ATTRIBUTES.")
            .define(INGEST_RESOLUTION_TOOLS, Type.STRING, INGEST_DEFAULTS.resolutionTools().pattern(),
                    new RegexValidator(), Importance.MEDIUM, "Ingest: a regular expression of tool names whose "
                            + "successful call resolves a conversation. Env TURNLOOP_INGEST_RESOLUTION_TOOLS.")
            .define(INGEST_HANDOFF_TOOLS, Type.STRING, INGEST_DEFAULTS.handoffTools().pattern(),
                    new RegexValidator(), Importance.MEDIUM, "Ingest: a regular expression of tool names whose call "
                            + "hands a conversation to a human. Env TURNLOOP_INGEST_HANDOFF_TOOLS.")
            .define(INGEST_RECENT_STATES, Type.INT, INGEST_DEFAULTS.recentStates(), ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Ingest: decoded conversation states each task holds in memory in front of its "
                            + "store, written back before each commit (a few KB each; 0 = none, every change is "
                            + "written at once). Env TURNLOOP_INGEST_RECENT_STATES.")
            .define(INTENTS_MIN_DISTINCT_USERS, Type.INT, INTENT_DEFAULTS.minDistinctUsers(),
                    ConfigDef.Range.atLeast(1), Importance.HIGH, "Intents: the privacy gate. An intent's name and "
                            + "redacted examples are published only once this many distinct users have it. "
                            + "Env TURNLOOP_INTENTS_MIN_DISTINCT_USERS.")
            .define(INTENTS_SNAPSHOT_INTERVAL_MS, Type.LONG, INTENT_DEFAULTS.snapshotInterval().toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "Intents: how often (wall clock) each task publishes "
                            + "its micro-clusters. Env TURNLOOP_INTENTS_SNAPSHOT_INTERVAL_MS.")
            .define(INTENTS_REBUILD_INTERVAL_MS, Type.LONG, INTENT_DEFAULTS.rebuildInterval().toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "Intents: how often the intent model is rebuilt when "
                            + "micro-clusters changed. Env TURNLOOP_INTENTS_REBUILD_INTERVAL_MS.")
            .define(INTENTS_SPIKE_FACTOR, Type.DOUBLE, INTENT_DEFAULTS.spikeFactor(), ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM, "Intents: an intent spikes when its new conversations since the last build "
                            + "exceed this multiple of its moving average. Env TURNLOOP_INTENTS_SPIKE_FACTOR.")
            .define(INTENTS_MIN_SPIKE_VOLUME, Type.INT, INTENT_DEFAULTS.minSpikeVolume(), ConfigDef.Range.atLeast(1),
                    Importance.LOW, "Intents: the least new conversations that can make a spike. "
                            + "Env TURNLOOP_INTENTS_MIN_SPIKE_VOLUME.");

    /** Each key's environment variable: TURNLOOP_ and the key in upper case, e.g. TURNLOOP_INGEST_REORDER_GRACE_MS. */
    private static final Map<String, String> ENV_NAMES = envNames();

    private static Map<String, String> envNames() {
        Map<String, String> names = new HashMap<>();
        for (String key : DEFINITION.names()) {
            String bare = key.startsWith("turnloop.") ? key.substring("turnloop.".length()) : key;
            names.put(key, ENV_PREFIX + bare.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return Map.copyOf(names);
    }

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

    /** How the ingest topology judges conversations, from the {@code turnloop.ingest.*} keys. */
    public IngestSettings ingestSettings() {
        return new IngestSettings(
                Duration.ofMillis(getLong(INGEST_INACTIVITY_GAP_MS)),
                Duration.ofMillis(getLong(INGEST_REORDER_GRACE_MS)),
                Duration.ofMillis(getLong(INGEST_SCAN_INTERVAL_MS)),
                Duration.ofMillis(getLong(INGEST_CLOSED_RETENTION_MS)),
                List.copyOf(getList(INGEST_SEGMENT_ATTRIBUTES)),
                Pattern.compile(getString(INGEST_RESOLUTION_TOOLS)),
                Pattern.compile(getString(INGEST_HANDOFF_TOOLS)),
                INGEST_DEFAULTS.limits(),
                getInt(INGEST_RECENT_STATES));
    }

    /** How the intent topology runs, from the {@code turnloop.intents.*} keys. */
    public IntentSettings intentSettings() {
        return new IntentSettings(INTENT_DEFAULTS.clustering(),
                Duration.ofMillis(getLong(INTENTS_SNAPSHOT_INTERVAL_MS)),
                Duration.ofMillis(getLong(INTENTS_REBUILD_INTERVAL_MS)),
                getInt(INTENTS_MIN_DISTINCT_USERS),
                INTENT_DEFAULTS.examplesPerMicroCluster(),
                getDouble(INTENTS_SPIKE_FACTOR),
                getInt(INTENTS_MIN_SPIKE_VOLUME));
    }

    /** A value that must compile as a Java regular expression. */
    private static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Pattern.compile((String) value);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }

        @Override
        public String toString() {
            return "a Java regular expression";
        }
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
