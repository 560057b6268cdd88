package dev.turnloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerde;
import dev.turnloop.schemas.serde.MalformedPayloadException;
import dev.turnloop.schemas.serde.UnknownSchemaIdException;
import dev.turnloop.schemas.serde.WireFormatReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WireFormatReaderTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    /** Made first: it has Avro trust the contract's classes, which a builder filling in defaults needs. */
    private final AvroSerde<TurnEvent> serde = new AvroSerde<>(TurnEvent.class, registry, true);
    private final TurnEvent turn = TurnEvent.newBuilder().setEventId("e-1").setConversationId("c-1").setTurnIndex(0)
            .setEventTime(Instant.parse("2026-11-01T10:00:00Z")).setRole(Role.USER).setText("hello").build();
    private final byte[] bytes = serde.serialize("turns", turn);

    @Test
    void readsAWholeRecordAndRejectsBytesLeftOverAfterIt() {
        WireFormatReader<TurnEvent> reader = new WireFormatReader<>(TurnEvent.class, registry::schemaById);

        assertThat(reader.read(bytes)).isEqualTo(turn);
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("left over");
    }

    @Test
    void whatTheLookupThrowsPropagatesAndAnIdWithoutASchemaIsLookedUpAgainUntilItHasOne() {
        // Given a lookup that fails, then knows no schema for the id, then knows it
        IllegalStateException unreachable = new IllegalStateException("registry unreachable");
        AtomicInteger lookups = new AtomicInteger();
        WireFormatReader<TurnEvent> reader = new WireFormatReader<>(TurnEvent.class, id -> switch (lookups.incrementAndGet()) {
            case 1 -> throw unreachable;
            case 2 -> null;
            default -> registry.schemaById(id);
        });

        // When read four times, Then the failure propagates as it is, the unknown id is named, the rest read
        assertThatThrownBy(() -> reader.read(bytes)).isSameAs(unreachable);
        assertThatThrownBy(() -> reader.read(bytes)).isInstanceOf(UnknownSchemaIdException.class);
        assertThat(reader.read(bytes)).isEqualTo(turn);
        assertThat(reader.read(bytes)).isEqualTo(turn);
        // and the id was looked up three times: never again once it read
        assertThat(lookups).hasValue(3);
    }
}
