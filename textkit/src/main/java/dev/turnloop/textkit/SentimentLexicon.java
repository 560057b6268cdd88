package dev.turnloop.textkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Read-only word and phrase valences for {@link SentimentScorer}: the human-rated VADER lexicon plus, for the
 * standard scorer, the domain phrases whose valence is borrowed from a named lexicon word (see
 * {@code domain_phrases.tsv}). Immutable after construction, so one instance is shared by all threads.
 */
final class SentimentLexicon {

    private static final String RESOURCE_DIR = "/dev/turnloop/textkit/";

    private final Map<String, Double> valences;

    private SentimentLexicon(Map<String, Double> valences) {
        // a HashMap, not Map.copyOf: its open addressing probed long runs over 7,500 words, on every token
        this.valences = Collections.unmodifiableMap(new HashMap<>(valences));
    }

    /**
     * The VADER lexicon as the reference reads it: one entry per line, {@code token<TAB>mean<TAB>sd<TAB>ratings};
     * of the 15 tokens rated twice (e.g. "ok", "lol", "d:") the last rating wins.
     */
    static SentimentLexicon vader() {
        Map<String, Double> map = new HashMap<>();
        readVader((token, mean) -> map.put(token, mean));
        return new SentimentLexicon(map);
    }

    /** The same lexicon with a token rated twice given the mean of both ratings, each being an equally good one. */
    static SentimentLexicon pooled() {
        Map<String, double[]> sums = new HashMap<>();
        readVader((token, mean) -> {
            double[] sum = sums.computeIfAbsent(token, t -> new double[2]);
            sum[0] += mean;
            sum[1]++;
        });
        Map<String, Double> map = new HashMap<>();
        sums.forEach((token, sum) -> map.put(token, sum[0] / sum[1]));
        return new SentimentLexicon(map);
    }

    private static void readVader(BiConsumer<String, Double> consumer) {
        // the published file is Latin-1 (two emoticons use the byte 0xDE), with CRLF line ends
        readTsv("vader_sentiment_lexicon.txt", StandardCharsets.ISO_8859_1,
                cols -> consumer.accept(cols[0], Double.parseDouble(cols[1])));
    }

    /** This lexicon plus the given entries, which win over existing ones. */
    SentimentLexicon with(Map<String, Double> extra) {
        Map<String, Double> map = new HashMap<>(valences);
        map.putAll(extra);
        return new SentimentLexicon(map);
    }

    /** This lexicon without the given words. */
    SentimentLexicon without(Set<String> words) {
        Map<String, Double> map = new HashMap<>(valences);
        map.keySet().removeAll(words);
        return new SentimentLexicon(map);
    }

    Set<String> words() {
        return valences.keySet();
    }

    boolean contains(String token) {
        return valences.containsKey(token);
    }

    /** Valence in VADER units (about -4..4), or null when the token carries none. */
    Double valence(String token) {
        return valences.get(token);
    }

    /** Streams the tab-separated, non-comment lines of a resource next to this class. */
    static void readTsv(String resource, Charset charset, Consumer<String[]> consumer) {
        try (InputStream in = SentimentLexicon.class.getResourceAsStream(RESOURCE_DIR + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                consumer.accept(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
