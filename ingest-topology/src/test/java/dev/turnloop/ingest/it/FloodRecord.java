package dev.turnloop.ingest.it;

import dev.turnloop.ingest.decode.DeadLetterReason;
import java.util.List;
import java.util.Set;

/**
 * One input record of the bad-input flood and what the ingest topology must make of it.
 *
 * @param kind       what the record is, for the log and failure messages (e.g. "avro-truncated", "json-turn")
 * @param topic      the input topic it is published to
 * @param key        the record key, as published (may be null)
 * @param value      the record value, as published (may be null: a tombstone)
 * @param eventIds   the event ids of the good turns it holds, each to be enriched exactly once
 * @param reasons    empty for a good record; otherwise the reasons its one dead letter may carry
 */
record FloodRecord(String kind, String topic, byte[] key, byte[] value, List<String> eventIds,
        Set<DeadLetterReason> reasons) {

    static FloodRecord good(String kind, String topic, byte[] key, byte[] value, List<String> eventIds) {
        return new FloodRecord(kind, topic, key, value, List.copyOf(eventIds), Set.of());
    }

    static FloodRecord bad(String kind, String topic, byte[] key, byte[] value, Set<DeadLetterReason> reasons) {
        return new FloodRecord(kind, topic, key, value, List.of(), Set.copyOf(reasons));
    }

    boolean isDeadLetter() {
        return !reasons.isEmpty();
    }
}
