package dev.turnloop.intent.naming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The candidate keyphrases of a text: lower-cased words without stopwords, numbers or single letters, and the bigrams
 * of words that follow each other once stopwords are gone ("track my card" gives "track", "card", "track card").
 */
final class Terms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Set<String> STOPWORDS = loadStopwords();

    private Terms() {
    }

    /** Distinct unigrams and bigrams of the text, in order of first appearance. */
    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group().replace('’', '\'');
            if (word.length() > 1 && !STOPWORDS.contains(word) && !isNumber(word)) {
                words.add(word);
            }
        }
        Set<String> terms = new LinkedHashSet<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            if (!words.get(i).equals(words.get(i + 1))) {
                terms.add(words.get(i) + " " + words.get(i + 1));
            }
        }
        return new ArrayList<>(terms);
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }

    private static Set<String> loadStopwords() {
        try (InputStream in = Terms.class.getResourceAsStream("stopwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("stopwords.txt is missing from the classpath");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return Collections.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
