package dev.turnloop.scale;

import dev.turnloop.metrics.window.IntentPartitioner;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.textkit.Hashes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * A stand-in for the intents app: every closed conversation is CONFIRMED into an intent fixed by a hash of its id.
 * The real intents app clusters online, so its model (and so its assignments) depends on the order in which
 * conversations arrive, which differs between three instances and an offline run; a fixed assignment keeps the metrics
 * comparable while the metrics app itself is scaled and killed.
 *
 * <p>The intent ids are chosen so that each partition of the metrics app's by-intent repartition topic holds the same
 * number of intents: then a conversation of every intent moves the stream time of every metrics task.
 */
final class FixedIntents {

    static final String APP = "fixed-intents";

    private final List<String> intents;

    private FixedIntents(List<String> intents) {
        this.intents = List.copyOf(intents);
    }

    /** {@code perPartition} intent ids on each of {@code partitions} partitions, found in a fixed order. */
    static FixedIntents spread(int partitions, int perPartition) {
        Map<Integer, Integer> taken = new HashMap<>();
        List<String> intents = new ArrayList<>();
        for (int n = 0; intents.size() < partitions * perPartition; n++) {
            String intent = "intent-" + n;
            int partition = IntentPartitioner.partitionOf(intent, partitions);
            if (taken.merge(partition, 1, Integer::sum) <= perPartition) {
                intents.add(intent);
            }
        }
        return new FixedIntents(intents);
    }

    List<String> ids() {
        return intents;
    }

    String intentOf(String conversationId) {
        return intents.get((int) Math.floorMod(Hashes.fnv1a64(conversationId), (long) intents.size()));
    }

    /** The CONFIRMED assignment of a closed conversation, carrying its summary, as the intents app publishes it. */
    IntentAssignment assign(ConversationSummary summary) {
        return IntentAssignment.newBuilder()
                .setConversationId(summary.getConversationId())
                .setIntentId(intentOf(summary.getConversationId()))
                .setSimilarity(1f)
                .setStage(AssignmentStage.CONFIRMED)
                .setEventTime(summary.getClosedAt())
                .setUserId(summary.getUserId())
                .setSummary(summary)
                .build();
    }

    /** conversation-summaries -> intent-assignments, key kept (conversation id). */
    Topology topology(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.conversationSummaries.name(),
                        topics.conversationSummaries.consumed().withName("closed-conversations"))
                .mapValues(this::assign, Named.as("fixed-intent"))
                .to(topics.intentAssignments.name(), topics.intentAssignments.produced().withName("assignments-sink"));
        return builder.build();
    }
}
