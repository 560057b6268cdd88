package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One OTLP/JSON span with what the mapping needs, read once: ids, times, status, events, and its attributes with
 * its resource's attributes behind them (a span attribute wins over a resource attribute of the same key, so a
 * service can set deployed versions once on its resource and override them per span, e.g. in an A/B test).
 */
record OtlpSpan(
        String traceId,
        String spanId,
        long startNanos,
        long endNanos,
        int statusCode,
        String statusMessage,
        Map<String, JsonNode> attributes,
        Map<String, JsonNode> resourceAttributes,
        List<Event> events) {

    static final int STATUS_UNSET = 0;
    static final int STATUS_OK = 1;
    static final int STATUS_ERROR = 2;

    /** A span event: the carrier of GenAI message content in semantic conventions before 1.37. */
    record Event(String name, Map<String, JsonNode> attributes) {
    }

    static OtlpSpan read(JsonNode span, Map<String, JsonNode> resourceAttributes) {
        String traceId = id(span, "traceId", "trace_id");
        String spanId = id(span, "spanId", "span_id");
        long start = OtlpValues.nanos(span, "startTimeUnixNano", "start_time_unix_nano", "startTimeUnixNano");
        if (start <= 0) {
            throw new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD, "span has no startTimeUnixNano");
        }
        long end = Math.max(start, OtlpValues.nanos(span, "endTimeUnixNano", "end_time_unix_nano", "endTimeUnixNano"));
        JsonNode status = OtlpValues.field(span, "status", "status");
        List<Event> events = new ArrayList<>();
        for (JsonNode event : OtlpValues.repeated(span, "events", "events", "events")) {
            JsonNode name = event.get("name");
            events.add(new Event(name == null ? "" : name.asText(), OtlpValues.attributes(event, "events[].attributes")));
        }
        return new OtlpSpan(traceId, spanId, start, end, statusCode(status),
                status == null || status.get("message") == null ? "" : status.get("message").asText(),
                OtlpValues.attributes(span, "attributes"), resourceAttributes, events);
    }

    /** The attribute from the span, else from its resource. */
    Optional<JsonNode> attribute(String key) {
        JsonNode value = attributes.get(key);
        return Optional.ofNullable(value != null ? value : resourceAttributes.get(key));
    }

    Optional<String> string(String key) {
        return attribute(key).flatMap(OtlpValues::string).filter(text -> !text.isBlank());
    }

    OptionalLong integer(String key) {
        return attribute(key).map(OtlpValues::integer).orElse(OptionalLong.empty());
    }

    /** Where a failure about this span points: trace and span id, never content. */
    String reference() {
        return "span " + traceId + "/" + spanId;
    }

    private static String id(JsonNode span, String camelCase, String snakeCase) {
        JsonNode id = OtlpValues.field(span, camelCase, snakeCase);
        if (id == null || id.asText().isBlank()) {
            throw new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD, "span has no " + camelCase);
        }
        return id.asText();
    }

    /** OTLP/JSON writes enums as integers; the protobuf JSON mapping also allows the symbol names. */
    private static int statusCode(JsonNode status) {
        JsonNode code = status == null ? null : status.get("code");
        if (code == null) {
            return STATUS_UNSET;
        }
        if (code.isIntegralNumber()) {
            return code.intValue();
        }
        return switch (code.asText()) {
            case "STATUS_CODE_OK" -> STATUS_OK;
            case "STATUS_CODE_ERROR" -> STATUS_ERROR;
            default -> STATUS_UNSET;
        };
    }
}
