package dev.turnloop.ingest.it;

import static dev.turnloop.ingest.decode.DeadLetterReason.EVENT_TIME_IN_FUTURE;
import static dev.turnloop.ingest.decode.DeadLetterReason.EVENT_TIME_TOO_OLD;
import static dev.turnloop.ingest.decode.DeadLetterReason.INCOMPATIBLE_SCHEMA;
import static dev.turnloop.ingest.decode.DeadLetterReason.INVALID_VALUE;
import static dev.turnloop.ingest.decode.DeadLetterReason.MALFORMED_BYTES;
import static dev.turnloop.ingest.decode.DeadLetterReason.MISSING_REQUIRED_FIELD;
import static dev.turnloop.ingest.decode.DeadLetterReason.NEGATIVE_TURN_INDEX;
import static dev.turnloop.ingest.decode.DeadLetterReason.OVERSIZE_ID;
import static dev.turnloop.ingest.decode.DeadLetterReason.OVERSIZE_TEXT;
import static dev.turnloop.ingest.decode.DeadLetterReason.OVERSIZE_TOOL_CALLS;
import static dev.turnloop.ingest.decode.DeadLetterReason.OVERSIZE_USER_ATTRIBUTES;
import static dev.turnloop.ingest.decode.DeadLetterReason.TURN_INDEX_TOO_LARGE;
import static dev.turnloop.ingest.decode.DeadLetterReason.UNKNOWN_SCHEMA_ID;
import static dev.turnloop.ingest.decode.DeadLetterReason.UNMAPPABLE_SPAN;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.ingest.decode.DeadLetterReason;
import dev.turnloop.schemas.Feedback;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.SchemaRegistryClient;
import dev.turnloop.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Bad input records of every kind the ingest topology must dead-letter, on each input topic, each with the reasons
 * its dead letter may carry: broken bytes (random, empty, tombstone, truncated, wrong magic byte, trailing bytes, a
 * 2 GB length claim, nesting beyond the parser's limit), schema trouble (unknown id, a foreign record, an
 * incompatible TurnEvent), wrong shapes and types, absurd values (negative or runaway turn index, event time in the
 * far future or in 1970, oversize text, ids, attributes, tool calls) and OTLP spans that cannot be mapped. Bad
 * records use conversation ids of their own, so they never touch the good conversations.
 */
final class BadRecords {

    /** A kind of bad record: where it goes, what its dead letter may say, how to make one. */
    record Kind(String name, String topic, Set<DeadLetterReason> reasons, Function<Random, byte[]> value) {
    }

    /** Big enough to sit near the broker's 1 MiB max message size, small enough to fit with the dead-letter headers. */
    static final int HUGE_TEXT_CHARS = 1_000_000;

    private static final Schema FOREIGN_RECORD = new Schema.Parser().parse("""
            {"type": "record", "name": "Invoice", "namespace": "com.example.billing", "fields": [
              {"name": "invoice_id", "type": "string"}, {"name": "amount_cents", "type": "long"}]}""");

    private final TopicCatalog topics;
    private final Serializer<TurnEvent> avro;
    private final Instant now;
    private final int foreignRecordId;
    private final int incompatibleTurnId;
    private final List<Kind> kinds = new ArrayList<>();
    private int counter;

    BadRecords(TopicCatalog topics, SchemaRegistryClient registry, Instant now) {
        this.topics = topics;
        this.avro = topics.turns.valueSerde().serializer();
        this.now = now;
        this.foreignRecordId = registry.register("flood-foreign-value", FOREIGN_RECORD);
        this.incompatibleTurnId = registry.register("flood-incompatible-value", turnIndexAsString());
        addAvroKinds(topics.turns.name());
        addJsonKinds(topics.turnsJson.name());
        addOtlpKinds(topics.otlpSpans.name());
    }

    /** One bad record of a kind picked at random, with a key that is null, random bytes, or text. */
    FloodRecord next(Random random) {
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        return FloodRecord.bad(kind.name(), kind.topic(), key(random), kind.value().apply(random), kind.reasons());
    }

    /** Records near the broker's max message size, one per input topic. */
    List<FloodRecord> huge(Random random) {
        TurnEvent avroTurn = turn(random).setText("a".repeat(HUGE_TEXT_CHARS)).build();
        TurnEvent jsonTurn = turn(random).setText("b".repeat(HUGE_TEXT_CHARS)).build();
        byte[] randomBytes = new byte[HUGE_TEXT_CHARS];
        random.nextBytes(randomBytes);
        return List.of(
                FloodRecord.bad("avro-huge-text", topics.turns.name(), key(random), avro(avroTurn), Set.of(OVERSIZE_TEXT)),
                FloodRecord.bad("json-huge-text", topics.turnsJson.name(), key(random), GoodTurns.json(jsonTurn, false),
                        Set.of(OVERSIZE_TEXT)),
                FloodRecord.bad("otlp-huge-random-bytes", topics.otlpSpans.name(), key(random), randomBytes,
                        Set.of(MALFORMED_BYTES, INVALID_VALUE)));
    }

    private void addAvroKinds(String topic) {
        kind("avro-random-bytes", topic, BadRecords::randomBytes, MALFORMED_BYTES, UNKNOWN_SCHEMA_ID);
        kind("avro-empty", topic, random -> new byte[0], MALFORMED_BYTES);
        kind("avro-tombstone", topic, random -> null, MALFORMED_BYTES);
        kind("avro-wrong-magic-byte", topic, random -> {
            byte[] bytes = avro(turn(random).build());
            bytes[0] = (byte) (1 + random.nextInt(255));
            return bytes;
        }, MALFORMED_BYTES);
        kind("avro-truncated", topic, random -> {
            byte[] bytes = avro(turn(random).build());
            return Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }, MALFORMED_BYTES);
        kind("avro-trailing-bytes", topic, random -> {
            byte[] bytes = avro(turn(random).build());
            byte[] tail = new byte[1 + random.nextInt(16)];
            random.nextBytes(tail);
            byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
            System.arraycopy(tail, 0, longer, bytes.length, tail.length);
            return longer;
        }, MALFORMED_BYTES);
        kind("avro-string-length-claims-2gb", topic, random -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(avroHeaderOfTurns());
            writeZigZag(out, Integer.MAX_VALUE - 8 - random.nextInt(1000)); // event_id's length
            return out.toByteArray();
        }, MALFORMED_BYTES);
        kind("avro-unknown-schema-id", topic, random -> {
            byte[] bytes = avro(turn(random).build());
            ByteBuffer.wrap(bytes, 1, 4).putInt(1_000_000 + random.nextInt(1_000_000));
            return bytes;
        }, UNKNOWN_SCHEMA_ID);
        kind("avro-foreign-record", topic, random -> {
            GenericRecord invoice = new GenericData.Record(FOREIGN_RECORD);
            invoice.put("invoice_id", "inv-" + random.nextInt(1_000_000));
            invoice.put("amount_cents", random.nextLong());
            return wire(foreignRecordId, FOREIGN_RECORD, invoice);
        }, MISSING_REQUIRED_FIELD);
        kind("avro-incompatible-turn-schema", topic, random -> {
            Schema schema = turnIndexAsString();
            TurnEvent turn = turn(random).build();
            GenericData.Record record = new GenericData.Record(schema);
            schema.getFields().forEach(field -> record.put(field.name(), turn.get(field.name())));
            record.put("turn_index", Integer.toString(turn.getTurnIndex()));
            return wire(incompatibleTurnId, schema, record);
        }, INCOMPATIBLE_SCHEMA);
        kind("avro-negative-turn-index", topic, random -> avro(turn(random).setTurnIndex(-1 - random.nextInt(1000)).build()),
                NEGATIVE_TURN_INDEX);
        kind("avro-turn-index-too-large", topic, random -> avro(turn(random).setTurnIndex(10_001 + random.nextInt(1 << 30)).build()),
                TURN_INDEX_TOO_LARGE);
        kind("avro-event-time-in-future", topic, random -> avro(turn(random).setEventTime(future(random)).build()),
                EVENT_TIME_IN_FUTURE);
        kind("avro-event-time-seconds-as-millis", topic,
                random -> avro(turn(random).setEventTime(Instant.ofEpochMilli(now.getEpochSecond())).build()), EVENT_TIME_TOO_OLD);
        kind("avro-oversize-text", topic, random -> avro(turn(random).setText(oversizeText(random)).build()), OVERSIZE_TEXT);
        kind("avro-blank-conversation-id", topic, random -> avro(turn(random).setConversationId(" ".repeat(random.nextInt(3))).build()),
                MISSING_REQUIRED_FIELD);
        kind("avro-oversize-id", topic, random -> avro(turn(random).setEventId("e".repeat(257 + random.nextInt(5000))).build()),
                OVERSIZE_ID);
        kind("avro-too-many-user-attributes", topic, random -> {
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < 65 + random.nextInt(100); i++) {
                attributes.put("attr" + i, "v");
            }
            return avro(turn(random).setUserAttributes(attributes).build());
        }, OVERSIZE_USER_ATTRIBUTES);
        kind("avro-too-many-tool-calls", topic, random -> {
            List<ToolCall> calls = new ArrayList<>();
            for (int i = 0; i < 129 + random.nextInt(100); i++) {
                calls.add(new ToolCall("search", ToolStatus.OK, 10L, null));
            }
            return avro(turn(random).setToolCalls(calls).build());
        }, OVERSIZE_TOOL_CALLS);
        kind("avro-rating-out-of-range", topic,
                random -> avro(turn(random).setFeedback(new Feedback(null, 6 + random.nextInt(100), null)).build()), INVALID_VALUE);
    }

    private void addJsonKinds(String topic) {
        kind("json-random-bytes", topic, BadRecords::randomBytes, MALFORMED_BYTES, INVALID_VALUE);
        kind("json-empty", topic, random -> new byte[0], MALFORMED_BYTES);
        kind("json-tombstone", topic, random -> null, MALFORMED_BYTES);
        kind("json-not-json", topic, random -> utf8("turn " + random.nextInt() + ": the user asked about an order"),
                MALFORMED_BYTES);
        kind("json-truncated", topic, random -> {
            byte[] bytes = json(jsonTurn(random));
            return Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }, MALFORMED_BYTES);
        kind("json-invalid-utf8", topic, random -> {
            byte[] bytes = json(jsonTurn(random).put("text", "caf?"));
            int at = indexOf(bytes, utf8("caf?"));
            bytes[at + 3] = (byte) 0xC3; // a UTF-8 lead byte followed by '"' instead of a continuation byte
            return bytes;
        }, MALFORMED_BYTES);
        kind("json-root-not-an-object", topic, random -> utf8(switch (random.nextInt(4)) {
            case 0 -> "[" + new String(json(jsonTurn(random)), StandardCharsets.UTF_8) + "]";
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> "\"conversation\"";
            default -> "null";
        }), INVALID_VALUE);
        kind("json-missing-required-field", topic, random -> {
            ObjectNode turn = jsonTurn(random);
            turn.remove(List.of("conversation_id", "turn_index", "event_time", "role").get(random.nextInt(4)));
            return json(turn);
        }, MISSING_REQUIRED_FIELD);
        kind("json-wrong-type", topic, random -> {
            ObjectNode turn = jsonTurn(random);
            switch (random.nextInt(6)) {
                case 0 -> turn.put("turn_index", "3");
                case 1 -> turn.put("turn_index", 3.5);
                case 2 -> turn.put("event_time", true);
                case 3 -> turn.putArray("user_attributes").add("plan");
                case 4 -> turn.putObject("tool_calls").put("name", "search");
                default -> turn.putObject("conversation_id").put("id", "c");
            }
            return json(turn);
        }, INVALID_VALUE);
        kind("json-unknown-role", topic, random -> json(jsonTurn(random).put("role", "robot-" + random.nextInt(100))),
                INVALID_VALUE);
        kind("json-duplicate-field", topic, random -> {
            String turn = new String(json(jsonTurn(random)), StandardCharsets.UTF_8);
            return utf8(turn.substring(0, turn.length() - 1) + ",\"role\":\"user\"}");
        }, MALFORMED_BYTES);
        kind("json-trailing-tokens", topic, random -> utf8(new String(json(jsonTurn(random)), StandardCharsets.UTF_8) + " {}"),
                MALFORMED_BYTES);
        kind("json-negative-turn-index", topic, random -> json(jsonTurn(random).put("turn_index", -1 - random.nextInt(1000))),
                NEGATIVE_TURN_INDEX);
        kind("json-turn-index-beyond-32-bits", topic, random -> json(jsonTurn(random).put("turn_index", (1L << 32) + random.nextInt(1000))),
                INVALID_VALUE);
        kind("json-event-time-in-future", topic, random -> json(jsonTurn(random).put("event_time",
                random.nextBoolean() ? "+999999999-12-31T23:59:59Z" : future(random).toString())), EVENT_TIME_IN_FUTURE);
        kind("json-event-time-seconds-as-millis", topic, random -> json(jsonTurn(random).put("event_time", now.getEpochSecond())),
                EVENT_TIME_TOO_OLD);
        kind("json-oversize-text", topic, random -> json(jsonTurn(random).put("text", oversizeText(random))), OVERSIZE_TEXT);
        kind("json-nesting-beyond-parser-limit", topic, random -> {
            int depth = 2_000 + random.nextInt(3_000);
            return utf8("{\"conversation_id\":\"c\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        }, MALFORMED_BYTES);
    }

    private void addOtlpKinds(String topic) {
        kind("otlp-random-bytes", topic, BadRecords::randomBytes, MALFORMED_BYTES, INVALID_VALUE);
        kind("otlp-empty", topic, random -> new byte[0], MALFORMED_BYTES);
        kind("otlp-tombstone", topic, random -> null, MALFORMED_BYTES);
        kind("otlp-truncated", topic, random -> {
            byte[] bytes = otlpChat(random, Map.of());
            return Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }, MALFORMED_BYTES);
        kind("otlp-not-a-trace-request", topic, random -> utf8("{\"resourceMetrics\":[]}"), INVALID_VALUE);
        kind("otlp-not-a-genai-span", topic, random -> OtlpJson.request(List.of(OtlpJson.span(traceId(), "00000000000000a1",
                now.toEpochMilli(), Map.of("http.request.method", "GET")))), UNMAPPABLE_SPAN);
        kind("otlp-embeddings-span", topic, random -> OtlpJson.request(List.of(OtlpJson.span(traceId(), "00000000000000a2",
                now.toEpochMilli(), Map.of("gen_ai.operation.name", "embeddings")))), UNMAPPABLE_SPAN);
        kind("otlp-chat-without-conversation-id", topic, random -> OtlpJson.request(List.of(OtlpJson.span(traceId(),
                "00000000000000a3", now.toEpochMilli(), Map.of("gen_ai.operation.name", "chat",
                        "gen_ai.input.messages", OtlpJson.messages("user", "hello"))))), UNMAPPABLE_SPAN);
        kind("otlp-chat-without-content", topic, random -> OtlpJson.request(List.of(OtlpJson.span(traceId(),
                "00000000000000a4", now.toEpochMilli(), Map.of("gen_ai.operation.name", "chat",
                        "gen_ai.conversation.id", "bad-" + counter)))), UNMAPPABLE_SPAN);
        kind("otlp-tool-span-without-reply", topic, random -> OtlpJson.request(List.of(OtlpJson.span(traceId(),
                "00000000000000a5", now.toEpochMilli(), Map.of("gen_ai.operation.name", "execute_tool",
                        "gen_ai.tool.name", "search")))), UNMAPPABLE_SPAN);
        kind("otlp-messages-not-json", topic, random -> otlpChat(random, Map.of("gen_ai.input.messages", "[{\"role\": ")),
                INVALID_VALUE);
        kind("otlp-unknown-end-reason", topic, random -> otlpChat(random, Map.of("turnloop.end.reason", "exploded")),
                INVALID_VALUE);
        kind("otlp-span-without-start-time", topic, random -> {
            ObjectNode span = OtlpJson.chat(traceId(), "00000000000000a6", now.toEpochMilli(), "bad-" + counter, 0, "hi", "hello");
            span.remove("startTimeUnixNano");
            return OtlpJson.request(List.of(span));
        }, MISSING_REQUIRED_FIELD);
        kind("otlp-span-in-future", topic, random -> OtlpJson.request(List.of(OtlpJson.chat(traceId(), "00000000000000a7",
                future(random).toEpochMilli(), "bad-" + counter, 0, "hi", "hello"))), EVENT_TIME_IN_FUTURE);
    }

    private void kind(String name, String topic, Function<Random, byte[]> value, DeadLetterReason... reasons) {
        kinds.add(new Kind(name, topic, Set.of(reasons), random -> {
            counter++;
            return value.apply(random);
        }));
    }

    /** A valid turn of a conversation of its own; each kind breaks one thing of it. */
    private TurnEvent.Builder turn(Random random) {
        return TurnEvent.newBuilder(GoodTurns.turn("bad-" + counter, random.nextInt(20),
                now.minusSeconds(random.nextInt(600)), random)).setEventId("bad-event-" + counter);
    }

    private ObjectNode jsonTurn(Random random) {
        return GoodTurns.jsonNode(turn(random).build(), random.nextBoolean());
    }

    private byte[] otlpChat(Random random, Map<String, Object> overrides) {
        ObjectNode span = OtlpJson.chat(traceId(), "00000000000000b1", now.minusSeconds(random.nextInt(600)).toEpochMilli(),
                "bad-" + counter, 0, "hi", "hello");
        overrides.forEach((key, value) -> span.withArray("attributes").addObject().put("key", key).putObject("value")
                .put("stringValue", value.toString()));
        return OtlpJson.request(List.of(span));
    }

    private String traceId() {
        return String.format("%032x", 0xbadL << 40 | counter);
    }

    private Instant future(Random random) {
        return now.plus(Duration.ofHours(1 + random.nextInt(24 * 365 * 50)));
    }

    private static String oversizeText(Random random) {
        return "x".repeat(32 * 1024 + 1 + random.nextInt(32 * 1024));
    }

    private byte[] avro(TurnEvent turn) {
        return avro.serialize(topics.turns.name(), turn);
    }

    private byte[] avroHeaderOfTurns() {
        byte[] valid = avro(TurnEvent.newBuilder(GoodTurns.turn("bad", 0, now, new Random(0))).build());
        return Arrays.copyOf(valid, WireFormat.HEADER_SIZE);
    }

    private static byte[] wire(int schemaId, Schema writer, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(WireFormat.header(schemaId));
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(writer, SpecificData.getForClass(TurnEvent.class)).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TurnEvent with turn_index as a string: a producer whose schema cannot be read as the contract's. */
    private static Schema turnIndexAsString() {
        String schema = TurnEvent.getClassSchema().toString()
                .replace("{\"name\":\"turn_index\",\"type\":\"int\"", "{\"name\":\"turn_index\",\"type\":\"string\"");
        return new Schema.Parser().parse(schema);
    }

    private static void writeZigZag(ByteArrayOutputStream out, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(257)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] key(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> randomBytes(random);
            default -> utf8("bad-key-" + random.nextInt(1_000));
        };
    }

    private static byte[] json(ObjectNode node) {
        return utf8(node.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("part not found");
    }
}
