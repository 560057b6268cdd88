package dev.turnloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.intent.IntentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnloopConfigTest {

    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        Path file = dir.resolve("turnloop.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nturnloop.topic.prefix=fromfile\n"
                + "turnloop.topic.partitions=12\nsecurity.protocol=SASL_SSL\n");

        TurnloopConfig config = TurnloopConfig.load(file,
                Map.of("TURNLOOP_BOOTSTRAP_SERVERS", "env:9092", "TURNLOOP_TOPIC_PREFIX", "fromenv",
                        "TURNLOOP_KAFKA_SASL_MECHANISM", "PLAIN"),
                Map.of(TurnloopConfig.TOPIC_PREFIX, "fromflag"));

        assertThat(config.topicPrefix()).as("flag wins").isEqualTo("fromflag");
        assertThat(config.bootstrapServers()).as("env beats file").isEqualTo("env:9092");
        assertThat(config.topicPartitions()).as("file beats default").isEqualTo(12);
        assertThat(config.replicationFactor()).as("default").isEqualTo((short) -1);
        assertThat(config.kafkaClientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("bootstrap.servers", "env:9092");
    }

    @Test
    void invalidValuesAreRefusedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> TurnloopConfig.load(null, Map.of("TURNLOOP_TOPIC_PARTITIONS", "zero"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("turnloop.topic.partitions");
        assertThatThrownBy(() -> TurnloopConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--config");
    }

    @Test
    void ingestSettingsDefaultToTheTopologyDefaults() {
        IngestSettings defaults = IngestSettings.defaults();

        IngestSettings loaded = TurnloopConfig.load(null, Map.of(), Map.of()).ingestSettings();

        assertThat(loaded).usingRecursiveComparison().withComparatorForType(
                (a, b) -> a.pattern().compareTo(b.pattern()), Pattern.class).isEqualTo(defaults);
    }

    @Test
    void ingestSettingsComeFromTheFileAndTheEnvironment() throws IOException {
        Path file = dir.resolve("turnloop.properties");
        Files.writeString(file, "turnloop.ingest.inactivity.gap.ms=600000\n"
                + "turnloop.ingest.segment.attributes=tier,region\nturnloop.ingest.handoff.tools=page_oncall\n");

        IngestSettings loaded = TurnloopConfig.load(file, Map.of("TURNLOOP_INGEST_REORDER_GRACE_MS", "5000",
                "TURNLOOP_INGEST_RECENT_STATES", "0"), Map.of()).ingestSettings();

        assertThat(loaded.inactivityGap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(loaded.reorderGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(loaded.segmentAttributes()).containsExactly("tier", "region");
        assertThat(loaded.handoffTools().matcher("page_oncall").matches()).isTrue();
        assertThat(loaded.recentStates()).isZero();
    }

    @Test
    void intentSettingsDefaultToTheTopologyDefaultsAndTakeThePrivacyGateFromTheEnvironment() {
        assertThat(TurnloopConfig.load(null, Map.of(), Map.of()).intentSettings())
                .isEqualTo(IntentSettings.defaults());

        IntentSettings stricter = TurnloopConfig.load(null, Map.of("TURNLOOP_INTENTS_MIN_DISTINCT_USERS", "20"),
                Map.of()).intentSettings();

        assertThat(stricter.minDistinctUsers()).isEqualTo(20);
        assertThatThrownBy(() -> TurnloopConfig.load(null, Map.of("TURNLOOP_INTENTS_MIN_DISTINCT_USERS", "0"),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("turnloop.intents.min.distinct.users");
    }

    @Test
    void aToolPatternThatIsNoRegexIsRefusedWithTheKey() {
        assertThatThrownBy(() -> TurnloopConfig.load(null, Map.of("TURNLOOP_INGEST_RESOLUTION_TOOLS", "book("),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("turnloop.ingest.resolution.tools").hasMessageContaining("regular expression");
    }

    @Test
    void mockRegistryImpliesAutoRegistrationButHttpDoesNot() {
        assertThat(TurnloopConfig.load(null, Map.of(), Map.of(TurnloopConfig.SCHEMA_REGISTRY_URL, "mock://x"))
                .autoRegisterSchemas()).isTrue();
        assertThat(TurnloopConfig.load(null, Map.of(), Map.of()).autoRegisterSchemas()).isFalse();
    }
}
