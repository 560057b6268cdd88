package dev.turnloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerde;
import dev.turnloop.schemas.serde.MalformedPayloadException;
import dev.turnloop.schemas.serde.UnknownSchemaIdException;
import dev.turnloop.schemas.serde.WireFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static TurnEvent sampleTurn() {
        return TurnEvent.newBuilder()
                .setEventId("e-1").setConversationId("c-1").setTurnIndex(0)
                .setEventTime(Instant.parse("2026-11-01T10:00:00Z"))
                .setRole(Role.USER).setText("my card never arrived")
                .setUserAttributes(Map.of("plan", "trial"))
                .setToolCalls(List.of(ToolCall.newBuilder().setName("search").setStatus(ToolStatus.ERROR)
                        .setLatencyMs(1200).build()))
                .build();
    }

    @Test
    void roundTripsATurnInConfluentWireFormat() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, registry, true);

        byte[] bytes = serde.serialize("turns", sampleTurn());

        assertThat(bytes[0]).as("magic byte").isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(WireFormat.schemaId(bytes)).as("schema id in header")
                .isEqualTo(registry.lookup("turns-value", TurnEvent.getClassSchema()).getAsInt());
        assertThat(serde.deserialize("turns", bytes)).isEqualTo(sampleTurn());
    }

    @Test
    void reusedBuffersLeaveNothingOfOneRecordInTheNext() {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), true);
        TurnEvent huge = TurnEvent.newBuilder(sampleTurn()).setText("x".repeat(200_000)).build();
        TurnEvent broken = TurnEvent.newBuilder(sampleTurn()).build();
        broken.setText(null); // a required field left null fails half-way through the record

        assertThat(serde.deserialize("turns", serde.serialize("turns", huge))).isEqualTo(huge);
        assertThatThrownBy(() -> serde.serialize("turns", broken)).isInstanceOf(SerializationException.class);
        byte[] after = serde.serialize("turns", sampleTurn());

        assertThat(after).isEqualTo(new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), true)
                .serialize("turns", sampleTurn()));
        assertThat(serde.deserialize("turns", after)).isEqualTo(sampleTurn());
    }

    @Test
    void threadsSharingOneSerdeEachGetWholeRecords() throws Exception {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String text = "thread " + t + " ".repeat(t * 700);
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        TurnEvent turn = TurnEvent.newBuilder(sampleTurn()).setText(text + i).build();
                        if (!serde.deserialize("turns", serde.serialize("turns", turn)).equals(turn)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void productionModeRefusesToSerializeAnUnregisteredSchema() {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), false);

        assertThatThrownBy(() -> serde.serialize("turns", sampleTurn()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("turnloop schemas register");
    }

    @Test
    void productionModeUsesTheRegisteredId() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        int id = registry.register("turns-value", TurnEvent.getClassSchema());
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, registry, false);

        assertThat(WireFormat.schemaId(serde.serialize("turns", sampleTurn()))).isEqualTo(id);
    }

    @Test
    void rejectsBytesWithoutTheMagicByte() {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), true);

        assertThatThrownBy(() -> serde.deserialize("turns", "{\"json\":true}".getBytes()))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serde.deserialize("turns", new byte[] {0, 1}))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("shorter");
    }

    @Test
    void rejectsAnUnknownSchemaId() {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), true);
        byte[] bytes = WireFormat.header(4242);

        assertThatThrownBy(() -> serde.deserialize("turns", bytes))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class,
                        e -> assertThat(e.schemaId()).isEqualTo(4242));
    }

    @Test
    void rejectsTruncatedBodies() {
        AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, new InMemorySchemaRegistry(), true);
        byte[] bytes = serde.serialize("turns", sampleTurn());

        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> serde.deserialize("turns", truncated)).isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void inMemoryRegistryEnforcesBackwardCompatibility() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("s-value", TurnEvent.getClassSchema());
        org.apache.avro.Schema breaking = org.apache.avro.SchemaBuilder.record("TurnEvent")
                .namespace("dev.turnloop.schemas").fields().requiredString("brand_new_required").endRecord();

        assertThat(registry.isCompatible("s-value", breaking)).isFalse();
        assertThatThrownBy(() -> registry.register("s-value", breaking))
                .isInstanceOfSatisfying(dev.turnloop.schemas.registry.SchemaRegistryException.class,
                        e -> assertThat(e.isIncompatible()).isTrue());
    }
}
