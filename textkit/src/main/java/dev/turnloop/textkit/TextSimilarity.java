package dev.turnloop.textkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lexical similarity of short texts, for noticing that a user repeats or rephrases an earlier request. Texts are
 * reduced to content tokens (lowercase, no punctuation, no stopwords, crude stemming) and compared by token-set
 * Jaccard, or by cosine over character trigrams, which also survives typos. For state stores, {@link #fingerprint}
 * keeps a compact summary per turn that compares without the original text. All methods are pure and thread-safe.
 */
public final class TextSimilarity {

    /** Function words and request boilerplate: they say nothing about what is being asked for. */
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "for", "with",
            "from", "by", "about", "as", "into", "over", "up", "out", "off", "is", "am", "are", "was", "were", "be",
            "been", "being", "do", "does", "did", "have", "has", "had", "i", "me", "my", "we", "us", "our", "you",
            "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "this", "that", "these",
            "those", "there", "here", "what", "which", "who", "whom", "when", "where", "why", "how", "can", "could",
            "would", "should", "will", "shall", "may", "might", "must", "please", "just", "very", "too", "also",
            "want", "need", "like", "some", "any", "again", "still", "yet", "now", "im", "ive", "id", "t", "s", "m",
            "ll", "re", "ve", "d",
            // negation says how the user feels about the request, not what it is: "hasn't arrived" = "has not arrived"
            "not", "no", "dont", "don", "doesnt", "doesn", "didnt", "didn", "isnt", "isn", "wasnt", "wasn", "arent",
            "aren", "werent", "weren", "hasnt", "hasn", "havent", "haven", "hadnt", "hadn", "cant", "cannot", "wont",
            "won", "wouldnt", "wouldn", "couldnt", "couldn", "shouldnt", "shouldn");
    /** Number words a user may write instead of digits ("one" is left alone: it is usually a pronoun). */
    private static final Map<String, String> NUMBER_WORDS = Map.of(
            "two", "2", "three", "3", "four", "4", "five", "5", "six", "6", "seven", "7", "eight", "8", "nine", "9",
            "ten", "10");
    private static final Set<String> ORDINAL_SUFFIXES = Set.of("st", "nd", "rd", "th");

    private TextSimilarity() {
    }

    /** The content tokens of a text, in order, duplicates kept; empty for null or blank text. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : words(text)) {
            if (!STOPWORDS.contains(word)) {
                tokens.add(NUMBER_WORDS.getOrDefault(word, stem(word)));
            }
        }
        return tokens;
    }

    /** Jaccard index of the two texts' content-token sets, in [0, 1]; 0 when either has no content tokens. */
    public static double jaccard(String a, String b) {
        Set<String> left = new HashSet<>(tokens(a));
        Set<String> right = new HashSet<>(tokens(b));
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String token : left) {
            shared += right.contains(token) ? 1 : 0;
        }
        return (double) shared / (left.size() + right.size() - shared);
    }

    /** Cosine of the two texts' character-trigram count vectors, in [0, 1]; 0 when either has no content. */
    public static double cosine(String a, String b) {
        Map<Integer, Integer> left = trigramCounts(a);
        Map<Integer, Integer> right = trigramCounts(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<Integer, Integer> e : left.entrySet()) {
            Integer other = right.get(e.getKey());
            if (other != null) {
                dot += (double) e.getValue() * other;
            }
        }
        return dot / (norm(left) * norm(right));
    }

    /**
     * A compact summary of a text for later comparison, see {@link Fingerprint}. It runs on every user turn, so it
     * splits the text once and works on primitive arrays.
     */
    public static Fingerprint fingerprint(String text) {
        List<String> words = words(text);
        int[] tokenHashes = new int[words.size()];
        int tokens = 0;
        StringBuilder padded = new StringBuilder(" ");
        for (String word : words) {
            if (!STOPWORDS.contains(word)) {
                tokenHashes[tokens++] = hash(NUMBER_WORDS.getOrDefault(word, stem(word)));
                padded.append(word).append(' ');
            }
        }
        int[] trigramHashes = new int[Math.max(0, padded.length() - 2)];
        for (int k = 0; k + 3 <= padded.length(); k++) {
            trigramHashes[k] = hash(padded, k, k + 3);
        }
        return Fingerprint.ofHashes(Arrays.copyOf(tokenHashes, tokens), tokens > 0 ? trigramHashes : new int[0]);
    }

    /**
     * Lowercase runs of letters or of digits: punctuation and apostrophes split words, and so does a switch between
     * digits and letters ("7pm" is "7" "pm"); an ordinal suffix after digits is dropped ("3rd" is "3").
     */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int k = 0; k <= lower.length(); k++) {
            char c = k < lower.length() ? lower.charAt(k) : ' ';
            boolean inWord = Character.isLetterOrDigit(c);
            if (start >= 0 && (!inWord || Character.isDigit(c) != Character.isDigit(lower.charAt(start)))) {
                String word = lower.substring(start, k);
                boolean ordinal = ORDINAL_SUFFIXES.contains(word) && !words.isEmpty()
                        && Character.isDigit(lower.charAt(start - 1));
                if (!ordinal) {
                    words.add(word);
                }
                start = -1;
            }
            if (inWord && start < 0) {
                start = k;
            }
        }
        return words;
    }

    /**
     * A few English suffix rules (plural, -ing, -ed, -ly, final e) so that "reservations", "reserved" and
     * "reserve" meet; deliberately cruder than Porter, and never shortening a word below three letters.
     */
    static String stem(String word) {
        if (word.length() <= 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
            return word;
        }
        String w = word;
        boolean verbal = false;
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("ing") && w.length() >= 6) {
            w = w.substring(0, w.length() - 3);
            verbal = true;
        } else if (w.endsWith("ed") && w.length() >= 5) {
            w = w.substring(0, w.length() - 2);
            verbal = true;
        } else if (w.endsWith("ly") && w.length() >= 5) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("es") && w.length() >= 5 && "sxzh".indexOf(w.charAt(w.length() - 3)) >= 0) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        int n = w.length();
        if (verbal && n >= 4 && w.charAt(n - 1) == w.charAt(n - 2) && "aeioulsz".indexOf(w.charAt(n - 1)) < 0) {
            w = w.substring(0, n - 1); // "stopped" -> "stop"
        }
        if (w.endsWith("e") && w.length() > 3) {
            w = w.substring(0, w.length() - 1); // "reserve" and "reserving" -> "reserv"
        }
        return w;
    }

    /** Trigrams of the content words (before stemming, so typos still share most trigrams), space-padded. */
    private static Map<Integer, Integer> trigramCounts(String text) {
        StringBuilder padded = new StringBuilder(" ");
        for (String word : words(text)) {
            if (!STOPWORDS.contains(word)) {
                padded.append(word).append(' ');
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k + 3 <= padded.length(); k++) {
            counts.merge(hash(padded, k, k + 3), 1, Integer::sum);
        }
        return counts;
    }

    private static double norm(Map<Integer, Integer> counts) {
        double sum = 0;
        for (int c : counts.values()) {
            sum += (double) c * c;
        }
        return Math.sqrt(sum);
    }

    static int hash(CharSequence s) {
        return hash(s, 0, s.length());
    }

    /**
     * FNV-1a over the UTF-16 units, finished with MurmurHash3's avalanche so that the low hash values a sketch keeps
     * are spread evenly. Stored fingerprints depend on it: changing it means a new {@link Fingerprint} version.
     */
    static int hash(CharSequence s, int from, int to) {
        int h = 0x811C9DC5;
        for (int k = from; k < to; k++) {
            h ^= s.charAt(k);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
