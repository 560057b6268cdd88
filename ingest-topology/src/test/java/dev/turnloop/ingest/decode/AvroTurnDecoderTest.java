package dev.turnloop.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.TurnEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class AvroTurnDecoderTest {

    private static final int CURRENT_ID = 7;

    private final TurnEvent turn = Turns.valid().build();

    /** Confluent wire format: magic byte 0, big-endian schema id, Avro binary written with the writer schema. */
    private static byte[] wireFormat(int schemaId, Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        // SpecificData's model converts the Instant of event_time to timestamp-millis
        new GenericDatumWriter<GenericRecord>(writer, SpecificData.getForClass(TurnEvent.class)).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** The test turn written as a record of another writer schema, field by field by name. */
    private GenericRecord asRecordOf(Schema writer, Map<String, Object> overrides) {
        GenericData.Record record = new GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            record.put(field.name(), overrides.getOrDefault(field.name(), turn.get(field.name())));
        }
        return record;
    }

    private static IntFunction<Schema> registry(Map<Integer, Schema> schemas) {
        return schemas::get;
    }

    @Test
    void decodesATurnWrittenWithTheCurrentSchema() throws IOException {
        // Given a turn written in the wire format with the current schema
        byte[] bytes = wireFormat(CURRENT_ID, TurnEvent.getClassSchema(), turn);
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(CURRENT_ID, TurnEvent.getClassSchema())));

        // When decoded, Then it equals the turn written
        assertThat(decoder.decode(bytes).turns()).containsExactly(turn);
    }

    @Test
    void resolvesAnOlderWriterSchemaFillingReaderDefaults() throws IOException {
        // Given a producer whose schema predates the 'operation' field (which has the default "chat")
        Schema older = TurnEventVariants.without("operation");
        byte[] bytes = wireFormat(3, older, asRecordOf(older, Map.of()));
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(3, older)));

        // When decoded
        DecodeResult result = decoder.decode(bytes);

        // Then the turn decodes and 'operation' takes its default
        assertThat(result.failures()).isEmpty();
        assertThat(result.turns()).singleElement().satisfies(decoded -> {
            assertThat(decoded.getOperation()).isEqualTo("chat");
            assertThat(decoded.getConversationId()).isEqualTo(turn.getConversationId());
            assertThat(decoded.getEventTime()).isEqualTo(turn.getEventTime());
        });
    }

    @Test
    void rejectsRecordsTooShortOrWithoutTheMagicByteAsMalformed() throws IOException {
        // Given a 3-byte record, a null value, and a valid record whose first byte is not 0
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(CURRENT_ID, TurnEvent.getClassSchema())));
        byte[] wrongMagic = wireFormat(CURRENT_ID, TurnEvent.getClassSchema(), turn);
        wrongMagic[0] = 1;

        // When decoded, Then each is MALFORMED_BYTES
        assertThat(decoder.decode(new byte[] {0, 0, 0}).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
        assertThat(decoder.decode(null).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
        assertThat(decoder.decode(wrongMagic).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
    }

    @Test
    void rejectsTruncatedAndOverlongAvroDataAsMalformed() throws IOException {
        // Given a valid record cut short, and the same record with a byte appended
        byte[] bytes = wireFormat(CURRENT_ID, TurnEvent.getClassSchema(), turn);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(CURRENT_ID, TurnEvent.getClassSchema())));

        // When decoded, Then both are MALFORMED_BYTES
        assertThat(decoder.decode(truncated).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
        assertThat(decoder.decode(trailing).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
    }

    @Test
    void rejectsAnIdTheLookupDoesNotKnow() throws IOException {
        // Given a record of schema id 7 and a registry that does not know it
        byte[] bytes = wireFormat(CURRENT_ID, TurnEvent.getClassSchema(), turn);
        AvroTurnDecoder unknown = new AvroTurnDecoder(registry(Map.of()));

        // When decoded
        DecodeFailure notKnown = unknown.decode(bytes).failures().get(0);

        // Then it is UNKNOWN_SCHEMA_ID naming the id
        assertThat(notKnown.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
        assertThat(notKnown.detail()).contains("7");
    }

    @Test
    void aRegistryThatCannotBeReachedIsNotTheRecordsFaultSoTheErrorPropagates() throws IOException {
        // Given a lookup that fails (registry down)
        byte[] bytes = wireFormat(CURRENT_ID, TurnEvent.getClassSchema(), turn);
        AvroTurnDecoder failing = new AvroTurnDecoder(id -> {
            throw new IllegalStateException("registry unreachable");
        });

        // When decoded, then the failure propagates instead of dead-lettering good data
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.decode(bytes))
                .hasMessageContaining("registry unreachable");
    }

    @Test
    void retriesALookupThatFailedBeforeButLooksUpAKnownIdOnce() throws IOException {
        // Given a registry that does not know id 7 at first, then does
        AtomicInteger lookups = new AtomicInteger();
        Map<Integer, Schema> known = new ConcurrentHashMap<>();
        AvroTurnDecoder decoder = new AvroTurnDecoder(id -> {
            lookups.incrementAndGet();
            return known.get(id);
        });
        byte[] bytes = wireFormat(CURRENT_ID, TurnEvent.getClassSchema(), turn);

        // When decoded before and after the schema is registered, then twice more
        DecodeResult before = decoder.decode(bytes);
        known.put(CURRENT_ID, TurnEvent.getClassSchema());
        decoder.decode(bytes);
        decoder.decode(bytes);
        DecodeResult after = decoder.decode(bytes);

        // Then the first fails, the later ones decode, and the schema was looked up twice in all
        assertThat(before.firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.UNKNOWN_SCHEMA_ID);
        assertThat(after.turns()).containsExactly(turn);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void rejectsAWriterSchemaWithoutARequiredFieldAsMissingRequiredField() throws IOException {
        // Given a producer schema without event_id, which TurnEvent requires and has no default for
        Schema withoutEventId = TurnEventVariants.without("event_id");
        byte[] bytes = wireFormat(4, withoutEventId, asRecordOf(withoutEventId, Map.of()));
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(4, withoutEventId)));

        // When decoded
        DecodeFailure failure = decoder.decode(bytes).failures().get(0);

        // Then the reason is MISSING_REQUIRED_FIELD naming the field
        assertThat(failure.reason()).isEqualTo(DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(failure.detail()).contains("event_id");
    }

    @Test
    void rejectsAWriterSchemaWithAnUnreadableFieldTypeAsIncompatible() throws IOException {
        // Given a producer schema where turn_index is a string
        Schema stringIndex = TurnEventVariants.retyped("turn_index", "string");
        byte[] bytes = wireFormat(5, stringIndex, asRecordOf(stringIndex, Map.of("turn_index", "3")));
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(5, stringIndex)));

        // When decoded, Then the reason is INCOMPATIBLE_SCHEMA
        assertThat(decoder.decode(bytes).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.INCOMPATIBLE_SCHEMA);
    }

    @Test
    void rejectsCorruptAvroDataAsMalformed() throws IOException {
        // Given a valid header followed by a string length that claims far more bytes than follow
        byte[] bytes = {0, 0, 0, 0, CURRENT_ID, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0b, 'x'};
        AvroTurnDecoder decoder = new AvroTurnDecoder(registry(Map.of(CURRENT_ID, TurnEvent.getClassSchema())));

        // When decoded, Then it is MALFORMED_BYTES
        DecodeFailure failure = decoder.decode(bytes).failures().get(0);
        assertThat(failure.reason()).isEqualTo(DeadLetterReason.MALFORMED_BYTES);
        assertThat(failure.detail()).contains("schema id 7");
    }
}
