package dev.turnloop.schemas.serde;

import dev.turnloop.schemas.registry.SchemaRegistryClient;
import dev.turnloop.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro records in the Confluent wire format. Subjects follow the TopicNameStrategy
 * ({@code <topic>-value}). The deserializer is a {@link WireFormatReader} over the registry: it resolves the writer's
 * schema (fetched by id) against the generated class's schema, which is what makes BACKWARD evolution work.
 *
 * <p>In production mode ({@code autoRegister = false}) the serializer only looks its schema up: schemas are registered
 * once by {@code turnloop schemas register}, so a misbuilt producer cannot push an unreviewed schema.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final boolean isKey;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final WireFormatReader<T> reader;
    private final SpecificDatumWriter<T> writer;
    /**
     * Serializers are shared by stream threads, so each thread gets its own output buffer and buffered encoder:
     * the direct encoder wrote byte by byte into a synchronized stream, which cost more than the encoding itself.
     */
    private final ThreadLocal<ReusableOutput> outputs = ThreadLocal.withInitial(ReusableOutput::new);

    public AvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister) {
        this(type, registry, autoRegister, false);
    }

    public AvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        TrustedContract.install();
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(readerSchema);
        this.reader = new WireFormatReader<>(type, this::writerSchema);
    }

    public static String subjectFor(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    public Schema schema() {
        return readerSchema;
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }

    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int id = idsByTopic.computeIfAbsent(topic, this::schemaIdFor);
        ReusableOutput output = outputs.get();
        try {
            BinaryEncoder encoder = output.start(WireFormat.header(id));
            writer.write(record, encoder);
            return output.finish();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot serialize " + type.getSimpleName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    public T deserialize(String topic, byte[] payload) {
        return payload == null ? null : reader.read(payload);
    }

    /** A lock-free byte buffer and the buffered encoder writing into it, reused record after record. */
    private static final class ReusableOutput {
        /** A buffer grown past this for one huge record is not kept for the next. */
        private static final int KEEP_AT_MOST = 64 * 1024;
        private UnsynchronizedByteArrayOutputStream bytes;
        private BinaryEncoder encoder;

        ReusableOutput() {
            renew();
        }

        private void renew() {
            bytes = UnsynchronizedByteArrayOutputStream.builder().setBufferSize(512).get();
            encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        }

        BinaryEncoder start(byte[] header) throws IOException {
            if (bytes.size() > KEEP_AT_MOST) {
                renew();
            }
            encoder.flush(); // whatever a failed record left in the encoder goes to the buffer, which is then reset
            bytes.reset();
            bytes.write(header, 0, header.length);
            return encoder;
        }

        byte[] finish() throws IOException {
            encoder.flush();
            return bytes.toByteArray();
        }
    }

    private int schemaIdFor(String topic) {
        String subject = subjectFor(topic, isKey);
        if (autoRegister) {
            return registry.register(subject, readerSchema);
        }
        OptionalInt id = registry.lookup(subject, readerSchema);
        if (id.isEmpty()) {
            throw new SerializationException("schema of " + type.getSimpleName() + " is not registered under subject "
                    + subject + "; run `turnloop schemas register` first");
        }
        return id.getAsInt();
    }

    /** The writer schema of an id, or null when the registry does not know it. */
    private Schema writerSchema(int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw new SerializationException("cannot fetch schema id " + id + ": " + e.getMessage(), e);
        }
    }
}
