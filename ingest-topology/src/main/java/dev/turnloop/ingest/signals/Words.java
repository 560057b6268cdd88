package dev.turnloop.ingest.signals;

import java.util.HashSet;
import java.util.Set;

/** The distinct words of a normalised turn (runs of letters and digits), computed once per turn for every cue. */
final class Words {

    private final Set<String> words = new HashSet<>();

    private Words() {
    }

    static Words of(String normalised) {
        Words result = new Words();
        int start = -1;
        for (int i = 0; i <= normalised.length(); i++) {
            boolean letter = i < normalised.length() && Character.isLetterOrDigit(normalised.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                result.words.add(normalised.substring(start, i));
                start = -1;
            }
        }
        return result;
    }

    boolean containsAny(Set<String> candidates) {
        Set<String> smaller = candidates.size() < words.size() ? candidates : words;
        Set<String> larger = smaller == candidates ? words : candidates;
        for (String word : smaller) {
            if (larger.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
