package dev.turnloop.textkit;

/** Stable, fast hashes of identifiers kept in state instead of the identifiers themselves. */
public final class Hashes {

    private Hashes() {
    }

    /** 64-bit FNV-1a over the UTF-16 units: collisions among a few dozen ids are negligible. */
    public static long fnv1a64(String value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            hash ^= value.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
