package dev.turnloop.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads generated Avro records of one type from {@link WireFormat} bytes: the writer schema the id names is resolved
 * against the type's own schema, which is what makes BACKWARD evolution work. Thread-safe.
 *
 * <p>Bytes that are no whole record (too short, wrong magic byte, corrupt Avro data, bytes left over) throw
 * {@link MalformedPayloadException}; an id the lookup does not know throws {@link UnknownSchemaIdException}.
 */
public final class WireFormatReader<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final IntFunction<Schema> writerSchemas;
    /** Readers per schema id: building the resolving grammar is the expensive part, and registry ids never change. */
    private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();

    /**
     * @param writerSchemas the writer schema of an id, or {@code null} when the id is unknown. What it throws
     *                      propagates as it is (a registry that cannot be reached is not the record's fault). It is
     *                      called once per id that reads, and again for an id it did not give a schema for.
     */
    public WireFormatReader(Class<T> type, IntFunction<Schema> writerSchemas) {
        TrustedContract.install();
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
    }

    public T read(byte[] payload) {
        int id = WireFormat.schemaId(payload);
        SpecificDatumReader<T> reader = reader(id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_SIZE,
                payload.length - WireFormat.HEADER_SIZE, null);
        try {
            T record = reader.read(null, decoder);
            if (decoder.isEnd()) {
                return record;
            }
        } catch (IOException | RuntimeException e) {
            // Avro reports corrupt data with IOExceptions (EOF) and assorted runtime exceptions (bad union or enum
            // index, negative lengths); its messages describe the encoding, not the data, so they are safe to keep
            throw new MalformedPayloadException("cannot read a " + type.getSimpleName() + " with schema id " + id
                    + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        throw new MalformedPayloadException("bytes left over after a " + type.getSimpleName() + " record of schema id "
                + id);
    }

    private SpecificDatumReader<T> reader(int id) {
        SpecificDatumReader<T> cached = readersById.get(id);
        if (cached != null) {
            return cached;
        }
        // looked up outside the map's lock: the lookup may be a call to the registry
        Schema writerSchema = writerSchemas.apply(id);
        if (writerSchema == null) {
            throw new UnknownSchemaIdException(id);
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema,
                SpecificData.getForClass(type));
        SpecificDatumReader<T> raced = readersById.putIfAbsent(id, reader);
        return raced == null ? reader : raced;
    }
}
