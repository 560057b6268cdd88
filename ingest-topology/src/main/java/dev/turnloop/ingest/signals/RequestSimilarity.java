package dev.turnloop.ingest.signals;

import java.util.List;

/**
 * How alike two user requests are, through compact fingerprints that can live in the conversation state (earlier
 * requests are remembered as fingerprints, not as text).
 */
public interface RequestSimilarity {

    /** A fingerprint of the text, or an empty array when it has too little content to compare. */
    byte[] fingerprint(String text);

    /** Similarity in [0, 1]; 0 when either fingerprint is empty. */
    double similarity(byte[] a, byte[] b);

    /** The highest similarity of {@code fingerprint} to any of {@code earlier}; 0 when there are none. */
    default double highest(byte[] fingerprint, List<byte[]> earlier) {
        double best = 0;
        for (byte[] other : earlier) {
            best = Math.max(best, similarity(fingerprint, other));
        }
        return best;
    }
}
