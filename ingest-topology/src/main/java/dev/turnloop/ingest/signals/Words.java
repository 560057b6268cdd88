package dev.turnloop.ingest.signals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct words of a normalised turn (runs of letters and digits) and where each occurrence starts, computed
 * once per turn for every cue.
 */
final class Words {

    private String[] distinct;
    private int[] starts = new int[16];
    private int startCount;

    private Words() {
    }

    static Words of(String normalised) {
        Words result = new Words();
        Set<String> words = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= normalised.length(); i++) {
            boolean letter = i < normalised.length() && Character.isLetterOrDigit(normalised.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                words.add(normalised.substring(start, i));
                result.addStart(start);
                start = -1;
            }
        }
        result.distinct = words.toArray(new String[0]);
        return result;
    }

    private void addStart(int index) {
        if (startCount == starts.length) {
            starts = Arrays.copyOf(starts, startCount * 2);
        }
        starts[startCount++] = index;
    }

    boolean containsAny(Set<String> candidates) {
        for (String word : distinct) { // an array: iterating a hash set walks its whole table
            if (candidates.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** How many word occurrences the text has. */
    int occurrences() {
        return startCount;
    }

    /** Where the {@code n}th word occurrence starts, in text order. */
    int start(int n) {
        return starts[n];
    }
}
