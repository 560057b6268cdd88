package dev.turnloop.schemas.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * When an output record cannot be written (too large, or not serializable), dead-letter the input record that caused
 * it, with its original bytes, and keep going; retry what Kafka says is retriable; fail on anything else, which means
 * the cluster is unhealthy rather than the record bad.
 *
 * <p>A dead letter is normally never too large (the dead-letter topic and the producer allow twice the broker's
 * default record size). If one still is, answering it with the same bytes again would loop until the stream thread
 * dies, so its value is cut to {@link #TRUNCATED_BYTES}, marked {@link #TRUNCATED_HEADER} with the original size.
 */
public final class DeadLetteringProductionExceptionHandler implements ProductionExceptionHandler {

    /** Header on a dead letter whose value was cut; its value is the original size in bytes. */
    public static final String TRUNCATED_HEADER = "turnloop.dlq.original.bytes";
    /** How much of an oversize dead letter's value is kept. */
    public static final int TRUNCATED_BYTES = 64 * 1024;

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            boolean deadLetterItself = record.topic().equals(deadLetterTopic);
            return Response.resume(deadLetterItself ? truncated(record) : deadLetter(context, exception));
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return Response.resume(deadLetter(context, exception));
    }

    private static List<ProducerRecord<byte[], byte[]>> truncated(ProducerRecord<byte[], byte[]> tooLarge) {
        byte[] key = cut(tooLarge.key());
        byte[] value = cut(tooLarge.value());
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders(tooLarge.headers().toArray());
        headers.add(TRUNCATED_HEADER, String.valueOf(tooLarge.value() == null ? 0 : tooLarge.value().length)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return List.of(new ProducerRecord<>(tooLarge.topic(), tooLarge.partition(), key, value, headers));
    }

    private static byte[] cut(byte[] bytes) {
        return bytes == null || bytes.length <= TRUNCATED_BYTES ? bytes : java.util.Arrays.copyOf(bytes, TRUNCATED_BYTES);
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, Exception exception) {
        if (deadLetterTopic == null) {
            return List.of();
        }
        return List.of(new ProducerRecord<>(deadLetterTopic, null, context.sourceRawKey(), context.sourceRawValue(),
                DeadLetterHeaders.of(context.headers(), "OUTPUT_NOT_WRITABLE",
                        exception.getClass().getName() + ": " + exception.getMessage(), String.valueOf(context.topic()),
                        context.partition(), context.offset())));
    }
}
