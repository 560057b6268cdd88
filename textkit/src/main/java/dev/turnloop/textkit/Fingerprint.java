package dev.turnloop.textkit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * What a state store keeps of an earlier user turn to tell whether a new turn repeats it, without keeping the
 * text: two bottom-k sketches (the smallest hashes) of the turn's content tokens and of its character trigrams.
 * Up to {@value #MAX_TOKENS} tokens and {@value #MAX_TRIGRAMS} trigrams the sketches hold the whole sets and the
 * Jaccard values are exact; longer turns get the standard bottom-k estimate. A typical turn encodes to 100-400
 * bytes. Immutable and thread-safe. Build one with {@link TextSimilarity#fingerprint(String)}.
 */
public final class Fingerprint {

    public static final int MAX_TOKENS = 64;
    public static final int MAX_TRIGRAMS = 128;
    private static final byte VERSION = 1;

    private final int[] tokens;
    private final int[] trigrams;

    private Fingerprint(int[] tokens, int[] trigrams) {
        this.tokens = tokens;
        this.trigrams = trigrams;
    }

    /** From raw hash arrays (duplicates allowed, any order); the arrays are sorted in place. */
    static Fingerprint ofHashes(int[] tokenHashes, int[] trigramHashes) {
        return new Fingerprint(bottom(tokenHashes, MAX_TOKENS), bottom(trigramHashes, MAX_TRIGRAMS));
    }


    /** True for a turn without content words (empty, only punctuation or stopwords); it resembles nothing. */
    public boolean isEmpty() {
        return tokens.length == 0 && trigrams.length == 0;
    }

    /**
     * How many distinct content tokens the turn has (capped at {@value #MAX_TOKENS}). Short formulaic turns ("yes
     * please", "thank you") resemble each other without being repeats; callers may require two or more.
     */
    public int tokenCount() {
        return tokens.length;
    }

    /** Jaccard index of the content-token sets (estimated beyond {@value #MAX_TOKENS} tokens), in [0, 1]. */
    public double tokenJaccard(Fingerprint other) {
        return jaccard(tokens, other.tokens, MAX_TOKENS);
    }

    /** Jaccard index of the character-trigram sets, robust to typos and inflection, in [0, 1]. */
    public double trigramJaccard(Fingerprint other) {
        return jaccard(trigrams, other.trigrams, MAX_TRIGRAMS);
    }

    /**
     * The mean of {@link #tokenJaccard} and {@link #trigramJaccard}: 1 for the same content words, 0 for nothing in
     * common or an empty side. Word overlap alone misses typos; trigram overlap alone rewards shared word parts.
     */
    public double similarity(Fingerprint other) {
        return (tokenJaccard(other) + trigramJaccard(other)) / 2;
    }

    /** Version byte, the two set sizes, then each sorted set as delta-coded varints. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + 3 * (tokens.length + trigrams.length));
        out.write(VERSION);
        writeVarint(out, tokens.length);
        writeVarint(out, trigrams.length);
        writeSorted(out, tokens);
        writeSorted(out, trigrams);
        return out.toByteArray();
    }

    /** Reads what {@link #toBytes()} wrote; rejects other versions and truncated or trailing data. */
    public static Fingerprint fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 3 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " fingerprint");
        }
        int[] position = {1};
        int tokenCount = (int) readVarint(bytes, position);
        int trigramCount = (int) readVarint(bytes, position);
        if (tokenCount > MAX_TOKENS || trigramCount > MAX_TRIGRAMS) {
            throw new IllegalArgumentException("fingerprint sizes out of range");
        }
        int[] tokens = readSorted(bytes, position, tokenCount);
        int[] trigrams = readSorted(bytes, position, trigramCount);
        if (position[0] != bytes.length) {
            throw new IllegalArgumentException("trailing bytes after fingerprint");
        }
        return new Fingerprint(tokens, trigrams);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(tokens, f.tokens) && Arrays.equals(trigrams, f.trigrams);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(trigrams);
    }

    @Override
    public String toString() {
        return "Fingerprint[tokens=" + tokens.length + ", trigrams=" + trigrams.length + "]";
    }

    private static int[] bottom(int[] hashes, int k) {
        Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length && distinct < k; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }


    /**
     * Bottom-k estimate (Broder; Cohen &amp; Kaplan): among the k smallest hashes of the union, the share found in
     * both sketches. Exact while the union has at most k elements.
     */
    private static double jaccard(int[] a, int[] b, int k) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int union = 0;
        int shared = 0;
        while (union < k && (i < a.length || j < b.length)) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                i++;
            } else if (i == a.length || b[j] < a[i]) {
                j++;
            } else {
                shared++;
                i++;
                j++;
            }
            union++;
        }
        return (double) shared / union;
    }

    private static void writeSorted(ByteArrayOutputStream out, int[] values) {
        long previous = Integer.MIN_VALUE;
        for (int v : values) {
            writeVarint(out, v - previous);
            previous = v;
        }
    }

    private static int[] readSorted(byte[] bytes, int[] position, int count) {
        int[] values = new int[count];
        long previous = Integer.MIN_VALUE;
        for (int k = 0; k < count; k++) {
            long delta = readVarint(bytes, position);
            previous += delta;
            if ((k > 0 && delta == 0) || previous > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("fingerprint values not strictly increasing");
            }
            values[k] = (int) previous;
        }
        return values;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] bytes, int[] position) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated fingerprint");
            }
            byte b = bytes[position[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint in fingerprint");
    }
}
