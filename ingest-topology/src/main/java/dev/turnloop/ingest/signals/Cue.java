package dev.turnloop.ingest.signals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phrase pattern plus the words it cannot match without. Matching a long alternation at every position of every
 * turn is what made signal detection slow; a turn that contains none of the trigger words is rejected by a few hash
 * lookups instead. A trigger is a whole word ({@code set} does not fire on "settings"), or a phrase when it holds a
 * space or an apostrophe. Every alternative of the pattern must contain one of the triggers — a test checks that on
 * real conversations.
 *
 * <p>Where the pattern is tried matters as much: {@code find} attempts every alternative at every character. Every
 * alternative starts at a word ({@code \b...}), at an apostrophe ({@code 's}, {@code 're}) or at the start of the
 * text ({@code ^}), so the pattern is only tried there — about one position in five — and only where the character
 * is one a match can start with ({@link FirstCharacters}). The same test checks that this finds exactly what
 * {@code find} finds.
 */
final class Cue {

    private final Pattern pattern;
    /** The regex as written, for the test that checks the shortcuts against a plain {@code find}. */
    private final Pattern asWritten;
    /** The characters a match can start with, or null when it could start with any. */
    private final BitSet firstCharacters;
    private final Set<String> triggerWords = new HashSet<>();
    private final List<String> triggerPhrases = new ArrayList<>();

    /** @param triggers words or phrases of which the pattern needs at least one; none means always try it */
    Cue(String regex, String... triggers) {
        this.asWritten = Pattern.compile(regex);
        this.pattern = Pattern.compile(withoutCaptures(regex));
        this.firstCharacters = FirstCharacters.of(regex).orElse(null);
        for (String trigger : triggers) {
            if (trigger.indexOf(' ') >= 0 || trigger.indexOf('\'') >= 0) {
                triggerPhrases.add(trigger);
            } else {
                triggerWords.add(trigger);
            }
        }
    }

    /** Whether the cue occurs in {@link Cues#normalise normalised} text whose {@link Words} are given. */
    boolean in(String text, Words words) {
        if (!triggered(text, words)) {
            return false;
        }
        // transparent bounds: \b and look-arounds still see the text before the region; ^ only at the real start
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        if (mayStartAt(text, 0) && matcher.lookingAt()) {
            return true;
        }
        for (int n = 0; n < words.occurrences(); n++) {
            int start = words.start(n);
            if (start > 0 && mayStartAt(text, start) && matcher.region(start, text.length()).lookingAt()) {
                return true;
            }
        }
        if (firstCharacters == null || firstCharacters.get('\'')) {
            for (int quote = text.indexOf('\'', 1); quote > 0; quote = text.indexOf('\'', quote + 1)) {
                if (matcher.region(quote, text.length()).lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean mayStartAt(String text, int index) {
        return firstCharacters == null || (index < text.length() && firstCharacters.get(text.charAt(index)));
    }

    boolean triggered(String text, Words words) {
        if (triggerWords.isEmpty() && triggerPhrases.isEmpty()) {
            return true;
        }
        if (words.containsAny(triggerWords)) {
            return true;
        }
        for (String phrase : triggerPhrases) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        String regex = pattern.pattern();
        return regex.length() <= 60 ? regex : regex.substring(0, 60) + "...";
    }

    /** The regex as written, found anywhere, without the shortcuts; for the test that keeps the shortcuts honest. */
    boolean matchesIgnoringTriggers(String text) {
        return asWritten.matcher(text).find();
    }

    /**
     * The regex with every capturing group made non-capturing: a cue only asks whether it matches, and every group
     * is bookkeeping at every attempt (and at every matcher reset).
     */
    static String withoutCaptures(String regex) {
        if (regex.matches(".*\\\\[1-9].*")) {
            throw new IllegalArgumentException("a cue cannot use back-references: " + regex);
        }
        StringBuilder out = new StringBuilder(regex.length() + 32);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (inClass) {
                inClass = c != ']';
                out.append(c);
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == '(' && (i + 1 == regex.length() || regex.charAt(i + 1) != '?')) {
                out.append("(?:");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
