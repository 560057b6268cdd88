package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.KeyParts;
import dev.turnloop.schemas.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The newest problem conversations of each intent, bounded per intent, in a store keyed
 * {@code intent|closed_at (13 digits)|conversation_id} so that one prefix scan lists an intent's conversations oldest
 * first. One small record per problem conversation keeps changelog writes small; the oldest beyond the bound are
 * deleted as new ones arrive.
 */
final class RecentProblems {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;
    private final EvidenceSettings settings;

    RecentProblems(KeyValueStore<String, byte[]> store, EvidenceSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    void remember(String intentId, ProblemConversation conversation) {
        store.put(KeyParts.join(intentId, String.format(Locale.ROOT, "%013d", conversation.closedAt()),
                conversation.conversationId()), conversation.encode());
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(KeyParts.prefix(intentId), KEYS)) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        for (int i = 0; i < keys.size() - settings.keptPerIntent(); i++) {
            store.delete(keys.get(i));
        }
    }

    /**
     * Up to {@code perBreach} conversations of an intent that are {@code relevant}: those that closed inside
     * [{@code from}, {@code to}) first, newest first, then older ones.
     */
    List<Evidence> pick(String intentId, Predicate<ProblemConversation> relevant, long from, long to) {
        List<ProblemConversation> candidates = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(KeyParts.prefix(intentId), KEYS)) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                ProblemConversation conversation = ProblemConversation.decode(entry.value);
                if (relevant.test(conversation)) {
                    candidates.add(conversation);
                }
            }
        }
        Comparator<ProblemConversation> inWindowFirst = Comparator.comparing(
                (ProblemConversation c) -> c.closedAt() >= from && c.closedAt() < to).reversed();
        return candidates.stream()
                .sorted(inWindowFirst.thenComparing(Comparator.comparingLong(ProblemConversation::closedAt).reversed()))
                .limit(settings.perBreach())
                .map(ProblemConversation::toEvidence)
                .toList();
    }
}
