package dev.turnloop.schemas.streams;

import dev.turnloop.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A processor threw on a record: if the cause is the infrastructure (a schema registry that cannot be reached, a
 * retriable Kafka error), fail so the thread is replaced and the record retried from the last commit; if it is the
 * record, dead-letter its original bytes with the exception in the headers and keep going. Nothing is lost either way.
 */
public final class DeadLetteringProcessingExceptionHandler implements ProcessingExceptionHandler {

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (isInfrastructure(exception)) {
            return Response.fail();
        }
        if (deadLetterTopic == null || context.sourceRawValue() == null) {
            return Response.resume();
        }
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, context.sourceRawKey(),
                context.sourceRawValue(), DeadLetterHeaders.of(context.headers(), "PROCESSING_FAILED",
                        exception.getClass().getName() + ": " + exception.getMessage(), context.topic(),
                        context.partition(), context.offset()))));
    }

    static boolean isInfrastructure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
            if (cause instanceof SchemaRegistryException registry
                    && (registry.httpStatus() == 0 || registry.httpStatus() >= 500)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
