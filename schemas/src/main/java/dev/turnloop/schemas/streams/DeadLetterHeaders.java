package dev.turnloop.schemas.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a dead letter. The {@code __streams.errors.*} names are the ones Kafka Streams' own dead-letter queue
 * (KIP-1034) writes, so records dead-lettered by turnloop's validation and by Kafka's exception handlers read alike;
 * {@code turnloop.dlq.reason} adds a machine-readable reason code.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "turnloop.dlq.reason";
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private DeadLetterHeaders() {
    }

    /** The original headers plus the reason code, its detail and the source position. */
    public static Headers of(Headers original, String reasonCode, String detail, String topic, int partition,
            long offset) {
        Headers headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(headers, REASON, reasonCode);
        put(headers, EXCEPTION, "dev.turnloop.InvalidInput:" + reasonCode);
        put(headers, MESSAGE, detail);
        put(headers, TOPIC, topic);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
        return headers;
    }

    public static String get(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
