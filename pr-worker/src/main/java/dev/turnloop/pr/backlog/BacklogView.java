package dev.turnloop.pr.backlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.pr.proposal.EvidenceQuote;
import dev.turnloop.pr.proposal.UntrustedText;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The backlog as people read it ({@code turnloop backlog}): the latest version of every item on the compacted
 * backlog topic, ranked by score, rendered as text or JSON with the mechanism and quoted, redacted evidence. Done
 * items (KEPT, CLOSED) are left out unless asked for.
 */
public final class BacklogView {
    private static final Set<BacklogStatus> DONE = Set.of(BacklogStatus.KEPT, BacklogStatus.CLOSED);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_TEXT = 600;

    private BacklogView() {
    }

    /**
     * Reads the whole topic up to its current end (committed records only) and returns the latest item per key.
     *
     * @param clientProperties bootstrap servers and security settings
     * @throws TimeoutException when the end is not reached within {@code timeout}
     */
    public static List<BacklogItem> read(Map<String, Object> clientProperties, TopicSpec<String, BacklogItem> backlog,
            Duration timeout) throws TimeoutException {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, BacklogItem> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, BacklogItem> consumer = new KafkaConsumer<>(props, backlog.keySerde().deserializer(),
                backlog.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(backlog.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + backlog.name() + " did not reach its end within " + timeout);
                }
                for (ConsumerRecord<String, BacklogItem> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** Items ranked by score (ties by item id); done items only with {@code includeDone}. */
    public static List<RankedItem> rank(Collection<BacklogItem> items, boolean includeDone) {
        List<BacklogItem> sorted = items.stream().filter(i -> includeDone || !DONE.contains(i.getStatus()))
                .sorted(Comparator.comparingDouble(BacklogItem::getScore).reversed().thenComparing(BacklogItem::getItemId))
                .toList();
        List<RankedItem> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(new RankedItem(i + 1, sorted.get(i)));
        }
        return ranked;
    }

    /** A plain-text listing, {@code evidencePerItem} quoted excerpts under each item. */
    public static String renderText(List<RankedItem> ranked, int evidencePerItem) {
        if (ranked.isEmpty()) {
            return "The backlog is empty.\n";
        }
        StringBuilder out = new StringBuilder();
        for (RankedItem r : ranked) {
            BacklogItem item = r.item();
            out.append(String.format(Locale.ROOT, "%d. [%s] score %.2f  %s%n", r.rank(), item.getStatus(),
                    item.getScore(), token(item.getItemId())));
            out.append(String.format(Locale.ROOT, "   intent %s%s | %d conversations | severity %.2f | fix cost %s%n",
                    token(item.getIntentId()), item.getIntentLabel().isBlank() ? ""
                            : " (" + UntrustedText.neutralise(item.getIntentLabel(), 80) + ")",
                    item.getFrequency(), item.getSeverity(), item.getFixCost()));
            out.append("   mechanism: ").append(UntrustedText.neutralise(item.getMechanism(), MAX_TEXT)).append('\n');
            out.append("   target: ").append(token(item.getTargetMetric())).append(' ')
                    .append(item.getExpectedDirection().name().toLowerCase(Locale.ROOT));
            if (item.getPrUrl() != null) {
                out.append(" | pull request: ").append(token(item.getPrUrl()));
            }
            out.append('\n');
            EvidenceQuote.fromAll(item.getEvidence()).stream().limit(evidencePerItem)
                    .forEach(q -> out.append("   - ").append(q.describedLine()).append('\n'));
        }
        return out.toString();
    }

    /** The same as a JSON array, for scripts and dashboards. */
    public static String renderJson(List<RankedItem> ranked, int evidencePerItem) {
        ArrayNode array = JSON.createArrayNode();
        for (RankedItem r : ranked) {
            BacklogItem item = r.item();
            ObjectNode node = array.addObject()
                    .put("rank", r.rank())
                    .put("item_id", item.getItemId())
                    .put("status", item.getStatus().name())
                    .put("score", item.getScore())
                    .put("intent_id", item.getIntentId())
                    .put("intent_label", item.getIntentLabel())
                    .put("mechanism_id", item.getMechanismId())
                    .put("mechanism", UntrustedText.neutralise(item.getMechanism(), MAX_TEXT))
                    .put("mechanism_known", item.getMechanismKnown())
                    .put("target_metric", item.getTargetMetric())
                    .put("expected_direction", item.getExpectedDirection().name())
                    .put("frequency", item.getFrequency())
                    .put("severity", item.getSeverity())
                    .put("fix_cost", item.getFixCost().name())
                    .put("pr_url", item.getPrUrl())
                    .put("branch", item.getBranch());
            ArrayNode evidence = node.putArray("evidence");
            EvidenceQuote.fromAll(item.getEvidence()).stream().limit(evidencePerItem).forEach(q -> evidence.addObject()
                    .put("conversation_id", q.conversationId())
                    .put("excerpt", q.text())
                    .put("outcome", q.outcome())
                    .set("signals", JSON.valueToTree(q.signals())));
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a tree of plain values", e);
        }
    }

    private static String token(String text) {
        return UntrustedText.token(text, 200);
    }
}
