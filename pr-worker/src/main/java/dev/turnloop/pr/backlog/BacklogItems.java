package dev.turnloop.pr.backlog;

import dev.turnloop.pr.mechanism.Diagnosis;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.serde.TrustedContract;
import dev.turnloop.textkit.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and updates backlog items from breaches. One item per intent and mechanism ({@link #itemId}); its
 * frequency is the sum over segments of the largest contribution in each (two rules firing on the same segment see
 * mostly the same conversations; different segments are different people), its severity the worst contribution,
 * its score by {@link BacklogScorer}. Evidence is kept newest first, one record per conversation, capped, and its
 * excerpts are redacted again here: they go into a compacted topic and into pull requests.
 */
public final class BacklogItems {
    /** Excerpt length kept on an item; PR bodies quote fewer characters still. */
    static final int MAX_EXCERPT_CHARS = 500;
    private static final String VOLUME = "volume";
    private static final String COMPLETION = "completion_rate";

    private final ScoringSettings settings;
    private final BacklogScorer scorer;
    private final int maxEvidence;

    public BacklogItems(ScoringSettings settings, int maxEvidence) {
        if (maxEvidence < 1) {
            throw new IllegalArgumentException("maxEvidence must be positive");
        }
        TrustedContract.install(); // items are updated through Avro builders, which copy the contract's enums
        this.settings = settings;
        this.scorer = new BacklogScorer(settings);
        this.maxEvidence = maxEvidence;
    }

    /** The item key, {@code intent_id|mechanism_id}. */
    public static String itemId(String intentId, String mechanismId) {
        return intentId + "|" + mechanismId;
    }

    /**
     * The item after an OPEN breach diagnosed as {@code diagnosis}.
     *
     * @param existing the item so far, or null for a new one (which starts OPEN)
     * @param contributions every breach's contribution to the item, including this one's
     */
    public BacklogItem withBreach(BacklogItem existing, Breach breach, Diagnosis diagnosis,
            Collection<Contribution> contributions, Instant at) {
        BacklogItem.Builder item = existing == null
                ? BacklogItem.newBuilder()
                        .setItemId(itemId(breach.getIntentId(), diagnosis.mechanismId()))
                        .setIntentId(breach.getIntentId())
                        .setStatus(BacklogStatus.OPEN)
                        .setCreatedAt(at)
                : BacklogItem.newBuilder(existing);
        if (!breach.getIntentLabel().isBlank()) {
            item.setIntentLabel(breach.getIntentLabel());
        }
        List<String> breachIds = new ArrayList<>(existing == null ? List.of() : existing.getBreachIds());
        if (!breachIds.contains(breach.getBreachId())) {
            breachIds.add(breach.getBreachId());
        }
        item.setMechanismId(diagnosis.mechanismId())
                .setMechanism(diagnosis.description())
                .setMechanismKnown(diagnosis.known())
                .setFixCost(diagnosis.fixCost())
                .setEvidence(mergedEvidence(breach.getEvidence(), existing == null ? List.of() : existing.getEvidence()))
                .setBreachIds(breachIds);
        return rescored(item, contributions, at);
    }

    /** The item with frequency, severity, target metric and score recomputed from {@code contributions}. */
    public BacklogItem rescored(BacklogItem existing, Collection<Contribution> contributions, Instant at) {
        return rescored(BacklogItem.newBuilder(existing), contributions, at);
    }

    private BacklogItem rescored(BacklogItem.Builder item, Collection<Contribution> contributions, Instant at) {
        List<Contribution> active = contributions.stream().filter(Contribution::active).toList();
        Optional<Contribution> worst = active.stream().max(Comparator.comparingDouble(Contribution::severity)
                .thenComparingLong(Contribution::affected));
        if (worst.isPresent()) {
            // with every breach resolved, the item keeps the numbers it was last seen with
            item.setFrequency(frequency(active)).setSeverity(worst.get().severity());
            String metric = VOLUME.equals(worst.get().metric()) ? COMPLETION : worst.get().metric();
            item.setTargetMetric(metric)
                    .setExpectedDirection(settings.higherIsBetter().contains(metric) ? Direction.UP : Direction.DOWN);
        }
        return item.setScore(scorer.score(item.getFrequency(), item.getSeverity(), item.getFixCost()))
                .setUpdatedAt(at)
                .build();
    }

    /** Conversations hit: per segment the largest contribution, summed over segments. */
    static long frequency(Collection<Contribution> active) {
        Map<String, Long> bySegment = new HashMap<>();
        active.forEach(c -> bySegment.merge(c.segment(), c.affected(), Math::max));
        return bySegment.values().stream().mapToLong(Long::longValue).sum();
    }

    private List<Evidence> mergedEvidence(List<Evidence> fresh, List<Evidence> kept) {
        Map<String, Evidence> byConversation = new LinkedHashMap<>();
        for (Evidence e : fresh) {
            byConversation.putIfAbsent(e.getConversationId(), Evidence.newBuilder(e)
                    .setExcerpt(Redactor.standard().redactAndCap(e.getExcerpt(), MAX_EXCERPT_CHARS)).build());
        }
        kept.forEach(e -> byConversation.putIfAbsent(e.getConversationId(), e));
        return byConversation.values().stream().limit(maxEvidence).toList();
    }
}
