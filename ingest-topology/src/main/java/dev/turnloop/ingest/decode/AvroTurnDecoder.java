package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.serde.MalformedPayloadException;
import dev.turnloop.schemas.serde.TrustedContract;
import dev.turnloop.schemas.serde.WireFormat;
import dev.turnloop.schemas.TurnEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code TurnEvent}s in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary),
 * reading whatever writer schema the id names into the current {@code TurnEvent} schema by Avro schema resolution.
 * It exists so the ingest topology can read raw bytes and dead-letter bad ones with a reason, instead of letting a
 * deserializer throw. The writer-schema lookup is the caller's (normally the schema-registry client); a lookup that
 * returns {@code null} or throws means the id is unknown.
 *
 * <p>Failures: too short, wrong magic byte, truncated or trailing bytes, corrupt Avro data are
 * {@link DeadLetterReason#MALFORMED_BYTES}; an unknown id is {@link DeadLetterReason#UNKNOWN_SCHEMA_ID}; a writer
 * schema lacking a field that the reader needs and has no default for is
 * {@link DeadLetterReason#MISSING_REQUIRED_FIELD}; any other unresolvable writer schema is
 * {@link DeadLetterReason#INCOMPATIBLE_SCHEMA}. Thread-safe.
 */
public final class AvroTurnDecoder implements TurnDecoder {

    private static final Logger log = LoggerFactory.getLogger(AvroTurnDecoder.class);
    private static final int MAX_MESSAGE_CHARS = 200;

    private final IntFunction<Schema> writerSchemas;
    /** Readers per schema id: building the resolving grammar is the expensive part, and registry ids never change. */
    private final Map<Integer, SpecificDatumReader<TurnEvent>> readers = new ConcurrentHashMap<>();

    /**
     * @param writerSchemas the writer schema for a schema id, or {@code null} when the id is unknown (an exception,
     *                      e.g. the registry being down, propagates: the record is not at fault); it is called
     *                      once per id that decodes successfully, and again for ids that were unknown last time
     */
    public AvroTurnDecoder(IntFunction<Schema> writerSchemas) {
        this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
        TrustedContract.install();
    }

    @Override
    public DecodeResult decode(byte[] bytes) {
        int schemaId;
        try {
            schemaId = WireFormat.schemaId(bytes);
        } catch (MalformedPayloadException e) {
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, e.getMessage());
        }
        try {
            SpecificDatumReader<TurnEvent> reader = reader(schemaId);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
            TurnEvent turn = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, "bytes left over after the record of schema id " + schemaId);
            }
            return DecodeResult.of(turn);
        } catch (DecodeException e) {
            return DecodeResult.failed(e.failure());
        } catch (LookupFailed e) {
            throw e.cause;
        } catch (IOException | RuntimeException e) {
            // Avro reports corrupt data with IOExceptions (EOF) and assorted runtime exceptions (bad union or enum
            // index, negative lengths); its messages describe the encoding, not the data, so they are safe to keep.
            log.debug("Avro data of schema id {} did not decode", schemaId, e);
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES,
                    "Avro data of schema id " + schemaId + " did not decode: " + summary(e));
        }
    }

    private SpecificDatumReader<TurnEvent> reader(int schemaId) {
        SpecificDatumReader<TurnEvent> cached = readers.get(schemaId);
        if (cached != null) {
            return cached;
        }
        SpecificDatumReader<TurnEvent> reader = resolvingReader(schemaId, writerSchema(schemaId));
        readers.putIfAbsent(schemaId, reader);
        return reader;
    }

    private Schema writerSchema(int schemaId) {
        // an exception from the lookup (registry unreachable) is not the record's fault: it propagates, so the
        // task retries instead of dead-lettering good data
        Schema schema;
        try {
            schema = writerSchemas.apply(schemaId);
        } catch (RuntimeException e) {
            throw new LookupFailed(e);
        }
        if (schema != null) {
            return schema;
        }
        throw new DecodeException(DeadLetterReason.UNKNOWN_SCHEMA_ID, "schema id " + schemaId + " is not known");
    }

    /** Checks the writer schema against the reader schema first, so an incompatible schema fails with its own reason. */
    private static SpecificDatumReader<TurnEvent> resolvingReader(int schemaId, Schema writer) {
        Schema reader = TurnEvent.getClassSchema();
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
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
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForClass(TurnEvent.class));
    }

    private static String summary(Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** Carries a lookup failure past the catch-all for corrupt data. */
    private static final class LookupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException cause;

        LookupFailed(RuntimeException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
