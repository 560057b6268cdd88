package dev.turnloop.metrics.window;

import java.util.List;
import java.util.Objects;

/**
 * What one windowed metric series is about: an intent and a cohort (or roll-up). Encoded as
 * {@code intent_id|cohort key}; the metric topics prefix it with the window name:
 * {@code <window>|<intent_id>|<cohort key>}.
 */
public record MetricKey(String intentId, CohortKey cohort) {

    public MetricKey {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(cohort, "cohort");
    }

    public String encode() {
        return KeyParts.join(intentId) + KeyParts.SEPARATOR + cohort.encode();
    }

    public static MetricKey parse(String encoded) {
        int bar = encoded.indexOf(KeyParts.SEPARATOR);
        if (bar < 0) {
            throw new IllegalArgumentException("a metric key is intent_id|cohort, got: " + encoded);
        }
        return new MetricKey(KeyParts.first(encoded), CohortKey.parse(encoded.substring(bar + 1)));
    }

    /** The key of this series on the metric topics. */
    public String topicKey(String window) {
        return KeyParts.join(window) + KeyParts.SEPARATOR + encode();
    }

    /** Parses a metric topic key back into its window name and series. */
    public static WindowedKey parseTopicKey(String topicKey) {
        int bar = topicKey.indexOf(KeyParts.SEPARATOR);
        if (bar < 0) {
            throw new IllegalArgumentException("a metric topic key is window|intent_id|cohort, got: " + topicKey);
        }
        return new WindowedKey(KeyParts.first(topicKey), parse(topicKey.substring(bar + 1)));
    }

    /** The lowest and highest store keys of every cohort of one intent, for a range query. */
    public static List<String> intentRange(String intentId) {
        String prefix = KeyParts.prefix(intentId);
        return List.of(prefix, prefix + Character.toString(Character.MAX_CODE_POINT));
    }

    /** A series and the window name it was computed for. */
    public record WindowedKey(String window, MetricKey key) {
    }
}
