package dev.turnloop.ingest.it;

import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The bad-input flood: good conversations on all three input topics with bad records of every kind mixed in at
 * random positions. Each conversation's records keep their turn order; everything else is shuffled by the seeded
 * random, so one seed always gives the same flood.
 */
final class FloodInputs {

    static final int AVRO_CONVERSATIONS = 150;
    static final int JSON_CONVERSATIONS = 150;
    static final int TURNS_PER_CONVERSATION = 8;
    static final int OTLP_CONVERSATIONS = 100;
    static final int OTLP_EXCHANGES_PER_CONVERSATION = 4;
    static final int MIXED_OTLP_BATCHES = 100;
    static final int HUGE_RECORDS_PER_TOPIC = 3;

    private FloodInputs() {
    }

    static List<FloodRecord> generate(TopicCatalog topics, SchemaRegistryClient registry, Random random,
            int badRecords) {
        Instant now = Instant.now();
        GoodTurns good = new GoodTurns(topics, now.minus(Duration.ofMinutes(30)));
        List<List<FloodRecord>> conversations = new ArrayList<>();
        conversations.addAll(good.avroConversations(AVRO_CONVERSATIONS, TURNS_PER_CONVERSATION, random));
        conversations.addAll(good.jsonConversations(JSON_CONVERSATIONS, TURNS_PER_CONVERSATION, random));
        conversations.addAll(good.otlpConversations(OTLP_CONVERSATIONS, OTLP_EXCHANGES_PER_CONVERSATION, random));
        good.mixedOtlpBatches(MIXED_OTLP_BATCHES, random).forEach(record -> conversations.add(List.of(record)));

        BadRecords bad = new BadRecords(topics, registry, now);
        List<FloodRecord> badList = new ArrayList<>(badRecords);
        for (int i = 0; i < badRecords; i++) {
            badList.add(bad.next(random));
        }
        for (int i = 0; i < HUGE_RECORDS_PER_TOPIC; i++) {
            badList.addAll(bad.huge(random));
        }
        Collections.shuffle(badList, random);
        return mix(inConversationOrder(conversations, random), badList, random);
    }

    /** All conversations' records, interleaved at random but each conversation in its own order. */
    private static List<FloodRecord> inConversationOrder(List<List<FloodRecord>> conversations, Random random) {
        List<Deque<FloodRecord>> queues = new ArrayList<>();
        conversations.forEach(records -> queues.add(new ArrayDeque<>(records)));
        List<FloodRecord> ordered = new ArrayList<>();
        while (!queues.isEmpty()) {
            int i = random.nextInt(queues.size());
            ordered.add(queues.get(i).poll());
            if (queues.get(i).isEmpty()) {
                Collections.swap(queues, i, queues.size() - 1);
                queues.remove(queues.size() - 1);
            }
        }
        return ordered;
    }

    /** Merges two sequences, each kept in order, choosing the next record from either in proportion to what is left. */
    private static List<FloodRecord> mix(List<FloodRecord> first, List<FloodRecord> second, Random random) {
        List<FloodRecord> mixed = new ArrayList<>(first.size() + second.size());
        int a = 0;
        int b = 0;
        while (a < first.size() || b < second.size()) {
            int leftInFirst = first.size() - a;
            int leftInSecond = second.size() - b;
            mixed.add(random.nextInt(leftInFirst + leftInSecond) < leftInFirst ? first.get(a++) : second.get(b++));
        }
        return mixed;
    }
}
