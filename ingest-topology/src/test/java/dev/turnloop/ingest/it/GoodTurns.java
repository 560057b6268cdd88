package dev.turnloop.ingest.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.ingest.decode.DeadLetterReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Good conversations for the flood, one list of records per conversation in turn order, on each input topic: Avro
 * turns, JSON turns and OTLP chat spans (a user turn and its reply each). Every turn has an event id of its own, so
 * the enriched output can be checked turn by turn. Event times lie within the last half hour, closer together than
 * the inactivity gap, so no conversation closes under the test.
 */
final class GoodTurns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] QUESTIONS = {"Where is my order %d?", "Can I change the delivery address of %d?",
            "My invoice %d looks wrong", "How do I reset my password? (ticket %d)", "Cancel subscription %d please"};
    private static final String[] ANSWERS = {"It ships tomorrow (%d).", "Done, the address of %d is updated.",
            "I corrected invoice %d.", "I sent a reset link for %d.", "Subscription %d is cancelled."};

    private final TopicCatalog topics;
    private final Serializer<TurnEvent> avro;
    private final Instant start;

    /** @param start the event time of the earliest turn */
    GoodTurns(TopicCatalog topics, Instant start) {
        this.topics = topics;
        this.avro = topics.turns.valueSerde().serializer();
        this.start = start;
    }

    /** A valid turn; bad records start from it too and break one thing. */
    static TurnEvent turn(String conversationId, int index, Instant eventTime, Random random) {
        boolean user = index % 2 == 0;
        String text = String.format(user ? pick(QUESTIONS, random) : pick(ANSWERS, random), random.nextInt(100_000));
        return TurnEvent.newBuilder()
                .setEventId(conversationId + "#" + index)
                .setTenant("acme")
                .setProject("support")
                .setConversationId(conversationId)
                .setTurnIndex(index)
                .setEventTime(eventTime)
                .setRole(user ? Role.USER : Role.ASSISTANT)
                .setText(text)
                .setAgentName("flood-bot")
                .setUserAttributes(Map.of("plan", random.nextBoolean() ? "trial" : "pro"))
                .build();
    }

    List<List<FloodRecord>> avroConversations(int count, int turns, Random random) {
        List<List<FloodRecord>> conversations = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String id = "avro-c" + c;
            Instant first = firstTurnTime(random);
            List<FloodRecord> records = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                TurnEvent turn = turn(id, i, first.plusSeconds(2L * i), random);
                records.add(FloodRecord.good("avro-turn", topics.turns.name(), utf8(id),
                        avro.serialize(topics.turns.name(), turn), List.of(turn.getEventId())));
            }
            conversations.add(records);
        }
        return conversations;
    }

    List<List<FloodRecord>> jsonConversations(int count, int turns, Random random) {
        List<List<FloodRecord>> conversations = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String id = "json-c" + c;
            Instant first = firstTurnTime(random);
            List<FloodRecord> records = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                TurnEvent turn = turn(id, i, first.plusSeconds(2L * i), random);
                records.add(FloodRecord.good("json-turn", topics.turnsJson.name(), utf8(id),
                        json(turn, random.nextBoolean()), List.of(turn.getEventId())));
            }
            conversations.add(records);
        }
        return conversations;
    }

    /** Conversations of chat spans, one span (user turn 2k and reply 2k+1) per record. */
    List<List<FloodRecord>> otlpConversations(int count, int exchanges, Random random) {
        List<List<FloodRecord>> conversations = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String id = "otlp-c" + c;
            String traceId = String.format("%032x", c + 1);
            Instant first = firstTurnTime(random);
            List<FloodRecord> records = new ArrayList<>();
            for (int k = 0; k < exchanges; k++) {
                String spanId = String.format("%016x", k + 1);
                records.add(FloodRecord.good("otlp-chat", topics.otlpSpans.name(), utf8(id), OtlpJson.request(List.of(
                        OtlpJson.chat(traceId, spanId, first.plusSeconds(4L * k).toEpochMilli(), id, 2 * k,
                                String.format(pick(QUESTIONS, random), k), String.format(pick(ANSWERS, random), k)))),
                        OtlpJson.chatEventIds(traceId, spanId)));
            }
            conversations.add(records);
        }
        return conversations;
    }

    /**
     * OTLP batches that are part good, part bad: a chat span of a conversation of its own and an embeddings span. The
     * chat's two turns must be enriched and the record dead-lettered once, for the span that could not be mapped.
     */
    List<FloodRecord> mixedOtlpBatches(int count, Random random) {
        List<FloodRecord> records = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String id = "otlp-mixed-c" + c;
            String traceId = String.format("%032x", 0x5EEDL << 40 | c);
            long start = firstTurnTime(random).toEpochMilli();
            byte[] request = OtlpJson.request(List.of(
                    OtlpJson.chat(traceId, "0000000000000001", start, id, 0, String.format(pick(QUESTIONS, random), c),
                            String.format(pick(ANSWERS, random), c)),
                    OtlpJson.span(traceId, "0000000000000002", start, Map.of("gen_ai.operation.name", "embeddings"))));
            records.add(new FloodRecord("otlp-mixed-batch", topics.otlpSpans.name(), utf8(id), request,
                    OtlpJson.chatEventIds(traceId, "0000000000000001"), Set.of(DeadLetterReason.UNMAPPABLE_SPAN)));
        }
        return records;
    }

    /** The turn as a producer without Avro writes it; event_time as epoch millis or ISO-8601, both accepted. */
    static byte[] json(TurnEvent turn, boolean isoTime) {
        ObjectNode node = jsonNode(turn, isoTime);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode jsonNode(TurnEvent turn, boolean isoTime) {
        ObjectNode node = JSON.createObjectNode()
                .put("event_id", turn.getEventId())
                .put("tenant", turn.getTenant())
                .put("project", turn.getProject())
                .put("conversation_id", turn.getConversationId())
                .put("turn_index", turn.getTurnIndex())
                .put("role", turn.getRole().name().toLowerCase())
                .put("text", turn.getText())
                .put("agent_name", turn.getAgentName());
        if (isoTime) {
            node.put("event_time", turn.getEventTime().toString());
        } else {
            node.put("event_time", turn.getEventTime().toEpochMilli());
        }
        ObjectNode attributes = node.putObject("user_attributes");
        turn.getUserAttributes().forEach(attributes::put);
        return node;
    }

    private Instant firstTurnTime(Random random) {
        return start.plusSeconds(random.nextInt(20 * 60));
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
