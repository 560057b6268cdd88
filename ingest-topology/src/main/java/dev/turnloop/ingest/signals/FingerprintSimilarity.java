package dev.turnloop.ingest.signals;

import dev.turnloop.textkit.Fingerprint;
import dev.turnloop.textkit.TextSimilarity;
import java.util.List;

/**
 * {@link RequestSimilarity} over textkit's token and character-trigram sketches. Turns with fewer than
 * {@value #MIN_CONTENT_TOKENS} content words ("thanks", "yes please") are not requests and get no fingerprint, so a
 * second "thank you" is never a repeated request.
 */
public final class FingerprintSimilarity implements RequestSimilarity {

    static final int MIN_CONTENT_TOKENS = 3;

    @Override
    public byte[] fingerprint(String text) {
        Fingerprint fingerprint = TextSimilarity.fingerprint(text);
        return fingerprint.tokenCount() < MIN_CONTENT_TOKENS ? new byte[0] : fingerprint.toBytes();
    }

    @Override
    public double similarity(byte[] a, byte[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        return Fingerprint.fromBytes(a).similarity(Fingerprint.fromBytes(b));
    }

    /** Reads {@code fingerprint} once, not once per earlier request. */
    @Override
    public double highest(byte[] fingerprint, List<byte[]> earlier) {
        if (fingerprint.length == 0 || earlier.isEmpty()) {
            return 0;
        }
        Fingerprint current = Fingerprint.fromBytes(fingerprint);
        double best = 0;
        for (byte[] other : earlier) {
            if (other.length > 0) {
                best = Math.max(best, current.similarity(Fingerprint.fromBytes(other)));
            }
        }
        return best;
    }
}
