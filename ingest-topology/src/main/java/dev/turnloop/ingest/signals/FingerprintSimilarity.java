package dev.turnloop.ingest.signals;

import dev.turnloop.textkit.Fingerprint;
import dev.turnloop.textkit.TextSimilarity;

/** {@link RequestSimilarity} over textkit's token and character-trigram sketches. */
public final class FingerprintSimilarity implements RequestSimilarity {

    @Override
    public byte[] fingerprint(String text) {
        Fingerprint fingerprint = TextSimilarity.fingerprint(text);
        return fingerprint.isEmpty() ? new byte[0] : fingerprint.toBytes();
    }

    @Override
    public double similarity(byte[] a, byte[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        return Fingerprint.fromBytes(a).similarity(Fingerprint.fromBytes(b));
    }
}
