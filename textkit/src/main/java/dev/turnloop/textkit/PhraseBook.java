package dev.turnloop.textkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Multi-word units the standard {@link SentimentScorer} reads as one token: domain phrases from
 * {@code domain_phrases.tsv} (valence borrowed from a named lexicon word), VADER's own idioms, the lexicon's
 * multi-word entries, and the multi-word boosters ("kind of") so that they modify the next word the way single
 * boosters do.
 */
final class PhraseBook {

    /** How a matched phrase is applied: as one merged token, or as a cue on its first word only. */
    enum Scope { PHRASE, FIRST }

    /** A phrase's valence (0 for a phrase that only stops its words from being read alone) and scope. */
    record Entry(double valence, Scope scope) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Map<String, Entry> entries;
    private final Set<String> prefixes;
    private final Map<String, Double> words;

    private PhraseBook(Map<String, Entry> entries, Map<String, Double> words) {
        this.entries = Map.copyOf(entries);
        this.words = Map.copyOf(words);
        Set<String> starts = new HashSet<>();
        for (String phrase : entries.keySet()) {
            for (int space = phrase.indexOf(' '); space > 0; space = phrase.indexOf(' ', space + 1)) {
                starts.add(phrase.substring(0, space));
            }
        }
        this.prefixes = Set.copyOf(starts);
    }

    /** Reads the domain phrases, resolving anchor words against the given lexicon. */
    static PhraseBook load(SentimentLexicon lexicon) {
        Map<String, Entry> entries = new HashMap<>();
        Map<String, Double> words = new HashMap<>();
        SentimentLexicon.readTsv("domain_phrases.tsv", StandardCharsets.UTF_8, cols -> {
            String phrase = cols[0].strip();
            double valence = resolve(cols[1].strip(), lexicon, phrase);
            Scope scope = cols.length > 2 && cols[2].strip().equals("first") ? Scope.FIRST : Scope.PHRASE;
            if (!phrase.contains(" ")) {
                words.put(phrase, valence);
                return;
            }
            for (String variant : variants(phrase)) {
                entries.put(variant, new Entry(valence, scope));
            }
        });
        // the lexicon's own multi-word entries ("can't stand", "fed up"), which whitespace tokenising never sees
        lexicon.words().stream().filter(w -> w.matches("[a-z']+( [a-z']+)+")).forEach(w -> variants(w)
                .forEach(v -> entries.putIfAbsent(v, new Entry(lexicon.valence(w), Scope.PHRASE))));
        VaderRules.BOOSTERS.keySet().stream().filter(b -> b.contains(" "))
                .forEach(b -> entries.put(b, new Entry(0, Scope.PHRASE)));
        return new PhraseBook(entries, words);
    }

    Entry lookup(String words) {
        return entries.get(words);
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** Whether some phrase starts with these words, so that a longer match is worth trying. */
    boolean isPrefix(String words) {
        return prefixes.contains(words);
    }

    /** Single words whose valence replaces the lexicon's; 0 where it does not hold here ("please" marks a request). */
    Map<String, Double> words() {
        return words;
    }

    private static double resolve(String spec, SentimentLexicon lexicon, String phrase) {
        if (NUMBER.matcher(spec).matches()) {
            return Double.parseDouble(spec);
        }
        Double anchor = lexicon.valence(spec);
        if (anchor == null) {
            throw new IllegalStateException("phrase '" + phrase + "' names no lexicon word: " + spec);
        }
        return anchor;
    }

    /** Spellings of a phrase that people type: contractions with and without apostrophe, or written out. */
    static List<String> variants(String phrase) {
        List<String> result = List.of("");
        for (String word : phrase.split(" ")) {
            List<String> next = new ArrayList<>();
            for (String prefix : result) {
                for (String form : wordForms(word)) {
                    next.add(prefix.isEmpty() ? form : prefix + " " + form);
                }
            }
            result = next;
        }
        return result;
    }

    private static List<String> wordForms(String word) {
        switch (word) {
            case "can't":
                return List.of("can't", "cant", "cannot", "can not");
            case "won't":
                return List.of("won't", "wont", "will not");
            default:
                break;
        }
        if (word.endsWith("n't")) {
            String stem = word.substring(0, word.length() - 3);
            return List.of(word, stem + "nt", stem + " not");
        }
        if (word.contains("'")) {
            return List.of(word, word.replace("'", ""));
        }
        return List.of(word);
    }
}
