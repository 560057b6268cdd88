package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.serde.MalformedPayloadException;
import dev.turnloop.schemas.serde.UnknownSchemaIdException;
import dev.turnloop.schemas.serde.WireFormatReader;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code TurnEvent}s in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary),
 * reading whatever writer schema the id names into the current {@code TurnEvent} schema by Avro schema resolution
 * ({@link WireFormatReader}). It exists so the ingest topology can read raw bytes and dead-letter bad ones with a
 * reason, instead of letting a deserializer throw. The writer-schema lookup is the caller's (normally the
 * schema-registry client).
 *
 * <p>Failures: too short, wrong magic byte, truncated or trailing bytes, corrupt Avro data are
 * {@link DeadLetterReason#MALFORMED_BYTES}; an unknown id is {@link DeadLetterReason#UNKNOWN_SCHEMA_ID}; a writer
 * schema lacking a field that the reader needs and has no default for is
 * {@link DeadLetterReason#MISSING_REQUIRED_FIELD}; any other unresolvable writer schema is
 * {@link DeadLetterReason#INCOMPATIBLE_SCHEMA}. Thread-safe.
 */
public final class AvroTurnDecoder implements TurnDecoder {

    private static final Logger log = LoggerFactory.getLogger(AvroTurnDecoder.class);
    private static final int MAX_DETAIL_CHARS = 250;

    private final WireFormatReader<TurnEvent> reader;

    /**
     * @param writerSchemas the writer schema for a schema id, or {@code null} when the id is unknown (an exception,
     *                      e.g. the registry being down, propagates: the record is not at fault); it is called
     *                      once per id that decodes successfully, and again for ids that were unknown last time
     */
    public AvroTurnDecoder(IntFunction<Schema> writerSchemas) {
        Objects.requireNonNull(writerSchemas, "writerSchemas");
        this.reader = new WireFormatReader<>(TurnEvent.class, id -> readable(id, writerSchemas.apply(id)));
    }

    @Override
    public DecodeResult decode(byte[] bytes) {
        // what the lookup throws (registry down) is not caught: the task retries instead of dead-lettering good data
        try {
            return DecodeResult.of(reader.read(bytes));
        } catch (DecodeException e) {
            return DecodeResult.failed(e.failure());
        } catch (UnknownSchemaIdException e) {
            return DecodeResult.failed(DeadLetterReason.UNKNOWN_SCHEMA_ID, e.getMessage());
        } catch (MalformedPayloadException e) {
            log.debug("Avro bytes did not decode", e);
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, capped(e.getMessage()));
        }
    }

    /**
     * The writer schema, checked against the reader schema before a reader is built for it, so an incompatible
     * schema fails with its own reason rather than as corrupt data.
     */
    private static Schema readable(int schemaId, Schema writer) {
        if (writer == null) {
            return null;
        }
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(TurnEvent.getClassSchema(), writer).getResult();
        if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return writer;
        }
        List<String> missingFields = result.getIncompatibilities().stream()
                .filter(incompatibility -> incompatibility.getType() == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE)
                .map(SchemaCompatibility.Incompatibility::getMessage)
                .toList();
        if (!missingFields.isEmpty()) {
            throw new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD,
                    "writer schema id " + schemaId + " lacks TurnEvent fields without defaults: " + missingFields);
        }
        SchemaCompatibility.Incompatibility first = result.getIncompatibilities().get(0);
        throw new DecodeException(DeadLetterReason.INCOMPATIBLE_SCHEMA, "writer schema id " + schemaId
                + " cannot be read as TurnEvent: " + first.getType() + " at " + first.getLocation());
    }

    /** Avro's messages can run long; a dead letter's detail is for a glance. */
    private static String capped(String detail) {
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}
