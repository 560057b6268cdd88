package dev.turnloop.ingest.signals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A phrase pattern plus the words it cannot match without. Matching a long alternation at every position of every
 * turn is what made signal detection slow; a turn that contains none of the trigger words is rejected by a few hash
 * lookups instead. A trigger is a whole word ({@code set} does not fire on "settings"), or a phrase when it holds a
 * space or an apostrophe. Every alternative of the pattern must contain one of the triggers — a test checks that on
 * real conversations.
 */
final class Cue {

    private final Pattern pattern;
    private final Set<String> triggerWords = new HashSet<>();
    private final List<String> triggerPhrases = new ArrayList<>();

    /** @param triggers words or phrases of which the pattern needs at least one; none means always try it */
    Cue(String regex, String... triggers) {
        this.pattern = Pattern.compile(regex);
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
        return triggered(text, words) && pattern.matcher(text).find();
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

    /** The pattern alone, without the trigger shortcut; for the test that keeps the triggers honest. */
    boolean matchesIgnoringTriggers(String text) {
        return pattern.matcher(text).find();
    }
}
