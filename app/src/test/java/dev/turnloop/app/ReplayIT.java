package dev.turnloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.registry.HttpSchemaRegistryClient;
import dev.turnloop.schemas.serde.AvroSerde;
import dev.turnloop.testkit.ApicurioRegistry;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `turnloop schemas register`, `topics create` and `replay` against a real broker and a real Apicurio registry. */
class ReplayIT {

    @TempDir
    Path tempDir;

    private static int run(String... args) {
        return TurnloopCommand.commandLine().execute(args);
    }

    private static String[] connection(String prefix) {
        return new String[] {"--bootstrap-servers", EmbeddedKafka.shared().bootstrapServers(),
                "--schema-registry-url", ApicurioRegistry.shared().confluentApiUrl(), "--topic-prefix", prefix,
                "--partitions", "3"};
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void replaysTheWholeSgdDevFileAndEveryTurnReadsBack() {
        Path dev = Path.of(System.getProperty("turnloop.data.dir", "../../shared/data"), "sgd", "dev-turns.jsonl.gz");
        assumeTrue(Files.isRegularFile(dev), "SGD dev turns not found at " + dev + " (set turnloop.data.dir)");
        String prefix = TestTopics.uniquePrefix("replay");

        assertThat(run(concat(new String[] {"schemas", "register"}, connection(prefix)))).isZero();
        assertThat(run(concat(new String[] {"topics", "create"}, connection(prefix)))).isZero();
        int exit = run(concat(new String[] {"replay", "--no-progress", "--file", dev.toString()}, connection(prefix)));

        assertThat(exit).as("replay exit code").isZero();
        List<ConsumerRecord<String, TurnEvent>> read = readTurns(prefix, 38_768);
        Set<String> conversations = new HashSet<>();
        read.forEach(r -> conversations.add(r.value().getConversationId()));
        assertThat(read).as("turns read back with the project's deserializer").hasSize(38_768);
        assertThat(conversations).as("conversations").hasSize(2_098);
        assertThat(read).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getConversationId()));
    }

    @Test
    void badLinesAreReportedAndSkippedOrFailTheReplayWhenStrict() throws IOException {
        Path file = tempDir.resolve("mixed.jsonl.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n",
                    "{\"conversation_id\":\"c1\",\"turn_index\":0,\"role\":\"user\",\"text\":\"hi\"}",
                    "this is not json",
                    "{\"conversation_id\":\"c1\",\"turn_index\":1,\"role\":\"assistant\",\"text\":\"hello\"}",
                    "{\"turn_index\":2,\"role\":\"user\",\"text\":\"no conversation id\"}").getBytes(StandardCharsets.UTF_8));
        }
        String prefix = TestTopics.uniquePrefix("badlines");
        run(concat(new String[] {"schemas", "register"}, connection(prefix)));
        run(concat(new String[] {"topics", "create"}, connection(prefix)));

        int lenient = run(concat(new String[] {"replay", "--no-progress", "--file", file.toString()}, connection(prefix)));
        int strict = run(concat(new String[] {"replay", "--no-progress", "--strict", "--file", file.toString()},
                connection(prefix)));

        assertThat(lenient).as("lenient replay succeeds").isZero();
        assertThat(strict).as("strict replay fails on line 2").isEqualTo(1);
        // lenient published 2, strict published 1 before stopping at line 2
        assertThat(readTurns(prefix, 3)).hasSize(3);
    }

    private static List<ConsumerRecord<String, TurnEvent>> readTurns(String prefix, int expected) {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class,
                new HttpSchemaRegistryClient(ApicurioRegistry.shared().confluentApiUrl()), false);
        return KafkaRecords.readAtLeast(EmbeddedKafka.shared().bootstrapServers(), prefix + ".turns",
                new StringDeserializer(), serde.deserializer(), expected, Duration.ofSeconds(120));
    }
}
