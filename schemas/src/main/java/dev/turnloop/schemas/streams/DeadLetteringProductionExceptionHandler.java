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
 */
public final class DeadLetteringProductionExceptionHandler implements ProductionExceptionHandler {

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
            return Response.resume(deadLetter(context, exception));
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return Response.resume(deadLetter(context, exception));
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
