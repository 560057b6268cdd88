package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnloop.app.TurnloopCommand;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.registry.HttpSchemaRegistryClient;
import dev.turnloop.schemas.serde.AvroSerde;
import dev.turnloop.testkit.ApicurioRegistry;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript example publisher (examples/typescript, kafkajs + @kafkajs/confluent-schema-registry) against the
 * real broker and the real Apicurio registry: what it publishes is read back by the project's own Avro deserializer
 * with every field intact, keyed by conversation id.
 */
class TypeScriptPublisherIT {

    private static final Path EXAMPLE = RepoPaths.root().resolve("examples/typescript");
    private static final int TURNS = 4;
    private static final int PARTITIONS = 3;

    @BeforeAll
    static void buildThePublisher() {
        assumeTrue(ProcessRun.available("node") && ProcessRun.available("npm"),
                "node and npm are not on the PATH: the TypeScript publisher cannot run, so this test is skipped");
        if (!Files.isDirectory(EXAMPLE.resolve("node_modules"))) {
            ProcessRun install = ProcessRun.of(EXAMPLE, Duration.ofMinutes(10), "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode()).as(install.toString()).isZero();
        }
        ProcessRun compile = ProcessRun.of(EXAMPLE, Duration.ofMinutes(3), "npx", "--no-install", "tsc");
        assertThat(compile.exitCode()).as(compile.toString()).isZero();
    }

    private static int turnloop(String... args) {
        return TurnloopCommand.commandLine().execute(args);
    }

    private static ProcessRun publish(String prefix, String conversationId, String... extra) {
        List<String> command = new ArrayList<>(List.of("node", "dist/publish-turns.js",
                "--bootstrap-servers", EmbeddedKafka.shared().bootstrapServers(),
                "--registry-url", ApicurioRegistry.shared().confluentApiUrl(),
                "--topic", prefix + ".turns", "--conversation-id", conversationId));
        command.addAll(List.of(extra));
        return ProcessRun.of(EXAMPLE, Duration.ofMinutes(2), Map.of(), command);
    }

    private static List<ConsumerRecord<String, TurnEvent>> readTurns(String prefix, int expected) {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class,
                new HttpSchemaRegistryClient(ApicurioRegistry.shared().confluentApiUrl()), false);
        return KafkaRecords.readAtLeast(EmbeddedKafka.shared().bootstrapServers(), prefix + ".turns",
                new StringDeserializer(), serde.deserializer(), expected, Duration.ofSeconds(60));
    }

    private static String[] connection(String prefix) {
        return new String[] {"--bootstrap-servers", EmbeddedKafka.shared().bootstrapServers(),
                "--schema-registry-url", ApicurioRegistry.shared().confluentApiUrl(), "--topic-prefix", prefix,
                "--partitions", String.valueOf(PARTITIONS)};
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void turnsPublishedFromTypeScriptArriveIntactForTheProjectsDeserializer() {
        // Given topics and the Avro contract set up the production way (`topics create`, `schemas register`)
        String prefix = TestTopics.uniquePrefix("tspublish");
        assertThat(turnloop(concat(new String[] {"topics", "create"}, connection(prefix)))).isZero();
        assertThat(turnloop(concat(new String[] {"schemas", "register"}, connection(prefix)))).isZero();

        // When the TypeScript publisher sends one conversation
        ProcessRun run = publish(prefix, "conv-ts-1");

        // Then every turn reads back in order with its fields, keyed by conversation, on the partition Java would use
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as("publisher summary").contains("\"published\":" + TURNS);
        List<ConsumerRecord<String, TurnEvent>> read = readTurns(prefix, TURNS);
        assertThat(read).as("turns read back").hasSize(TURNS);
        assertThat(read).extracting(ConsumerRecord::key).containsOnly("conv-ts-1");
        int javaPartition = Utils.toPositive(Utils.murmur2("conv-ts-1".getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        assertThat(read).extracting(ConsumerRecord::partition).as("the partition Java's producer picks for the key")
                .containsOnly(javaPartition);
        List<TurnEvent> turns = read.stream().map(ConsumerRecord::value).toList();
        assertThat(turns).extracting(TurnEvent::getTurnIndex).containsExactly(0, 1, 2, 3);
        assertThat(turns).extracting(TurnEvent::getRole)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(turns).extracting(TurnEvent::getEventId)
                .containsExactly("conv-ts-1#0", "conv-ts-1#1", "conv-ts-1#2", "conv-ts-1#3");
        TurnEvent first = turns.get(0);
        assertThat(first.getConversationId()).isEqualTo("conv-ts-1");
        assertThat(first.getText()).isEqualTo("How do I invite a teammate to my workspace?");
        assertThat(first.getPromptVersion()).isEqualTo("p-12");
        assertThat(first.getUserId()).isEqualTo("u-7f3a");
        assertThat(first.getUserAttributes()).containsEntry("plan", "trial").containsEntry("user_type", "new");
        assertThat(first.getEnd()).as("no end marker before the last turn").isNull();
        assertThat(turns.get(1).getToolCalls()).singleElement()
                .satisfies(call -> assertThat(call.getName()).isEqualTo("search_docs"));
        assertThat(turns.get(3).getEnd().getReason()).isEqualTo(EndReason.RESOLVED);
        assertThat(turns.get(1).getEventTime()).as("event times in order").isAfter(first.getEventTime());
    }

    @Test
    void publisherRefusesAnUnregisteredContractUnlessAllowedToRegisterIt() {
        // Given topics but no registered schema
        String prefix = TestTopics.uniquePrefix("tsregister");
        assertThat(turnloop(concat(new String[] {"topics", "create"}, connection(prefix)))).isZero();

        // When the publisher runs without and then with --register
        ProcessRun refused = publish(prefix, "conv-ts-2");
        ProcessRun registered = publish(prefix, "conv-ts-2", "--register");

        // Then it first refuses and names the fix, then registers the same contract the Java code reads
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.output()).contains("turnloop schemas register");
        assertThat(registered.exitCode()).as(registered.toString()).isZero();
        assertThat(readTurns(prefix, TURNS)).as("turns read back").hasSize(TURNS)
                .allSatisfy(r -> assertThat(r.value().getConversationId()).isEqualTo("conv-ts-2"));
        assertThat(new HttpSchemaRegistryClient(ApicurioRegistry.shared().confluentApiUrl())
                .isCompatible(prefix + ".turns-value", TurnEvent.getClassSchema()))
                .as("the Java contract is compatible with what TypeScript registered").isTrue();
    }
}
