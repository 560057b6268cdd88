package dev.turnloop.intent.naming;

import dev.turnloop.intent.cluster.Intent;
import dev.turnloop.intent.cluster.IntentModel;
import dev.turnloop.intent.cluster.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Names intents (and themes) so that a product manager can read the catalog: class-based TF-IDF keyphrases and the
 * requests closest to the centre.
 *
 * <p>Class-based TF-IDF (as in BERTopic) treats all samples of an intent as one document: a term scores high when it
 * is frequent in this intent and rare in the others, {@code tf(t,c) / |c| * ln(1 + A / f(t))} with {@code A} the
 * average number of terms per intent and {@code f(t)} the frequency of {@code t} over all intents. A term needs at least
 * two samples of the intent behind it. A word that mostly appears inside one bigram is shown as that bigram, a bigram
 * replaces a word of it shown earlier, and a phrase whose words are all shown already is skipped.
 */
public final class IntentNamer {

    public static final int DEFAULT_KEYPHRASES = 5;
    public static final int DEFAULT_EXAMPLES = 3;
    private static final int LABEL_PHRASES = 2;
    private static final int MIN_SUPPORT = 2;
    private static final int FALLBACK_LABEL_CHARS = 40;

    private final int keyphrases;
    private final int examples;

    public IntentNamer() {
        this(DEFAULT_KEYPHRASES, DEFAULT_EXAMPLES);
    }

    public IntentNamer(int keyphrases, int examples) {
        if (keyphrases < 1 || examples < 0) {
            throw new IllegalArgumentException("need at least one keyphrase and no negative examples count");
        }
        this.keyphrases = keyphrases;
        this.examples = examples;
    }

    /** A name for every intent of the model that has samples, by intent id in model order. */
    public Map<String, IntentName> nameIntents(IntentModel model, Collection<IntentSample> samples) {
        Map<String, float[]> centres = new LinkedHashMap<>();
        for (Intent intent : model.intents()) {
            centres.put(intent.id(), intent.centroid());
        }
        return name(centres, samples, IntentSample::intentId);
    }

    /** A name for every theme of the model that has samples, by theme id in model order. */
    public Map<String, IntentName> nameThemes(IntentModel model, Collection<IntentSample> samples) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, String> themeOf = new HashMap<>();
        for (Intent intent : model.intents()) {
            themeOf.put(intent.id(), intent.themeId());
            double[] sum = sums.computeIfAbsent(intent.themeId(), id -> new double[model.dimension()]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += intent.centroid()[i] * intent.count();
            }
        }
        Map<String, float[]> centres = new LinkedHashMap<>();
        sums.forEach((id, sum) -> centres.put(id, Vectors.unit(sum)));
        return name(centres, samples, sample -> themeOf.get(sample.intentId()));
    }

    private Map<String, IntentName> name(Map<String, float[]> centres, Collection<IntentSample> samples,
                                         Function<IntentSample, String> classOf) {
        Map<String, List<IntentSample>> byClass = new LinkedHashMap<>();
        centres.keySet().forEach(id -> byClass.put(id, new ArrayList<>()));
        for (IntentSample sample : samples) {
            List<IntentSample> members = byClass.get(classOf.apply(sample));
            if (members != null) {
                members.add(sample);
            }
        }
        byClass.values().removeIf(List::isEmpty);

        Map<String, Map<String, Integer>> termCounts = new LinkedHashMap<>();
        Map<String, Integer> totalCounts = new HashMap<>();
        long allTerms = 0;
        for (Map.Entry<String, List<IntentSample>> e : byClass.entrySet()) {
            Map<String, Integer> counts = new HashMap<>();
            for (IntentSample sample : e.getValue()) {
                for (String term : Terms.of(sample.text())) {
                    counts.merge(term, 1, Integer::sum);
                    totalCounts.merge(term, 1, Integer::sum);
                    allTerms++;
                }
            }
            termCounts.put(e.getKey(), counts);
        }
        double averageTerms = byClass.isEmpty() ? 0 : (double) allTerms / byClass.size();

        Map<String, IntentName> names = new LinkedHashMap<>();
        for (Map.Entry<String, List<IntentSample>> e : byClass.entrySet()) {
            String id = e.getKey();
            List<String> phrases = keyphrases(termCounts.get(id), totalCounts, averageTerms, e.getValue().size());
            List<String> typical = typicalTexts(e.getValue(), centres.get(id));
            names.put(id, new IntentName(id, label(phrases, typical), phrases, typical, e.getValue().size()));
        }
        return names;
    }

    private List<String> keyphrases(Map<String, Integer> counts, Map<String, Integer> totalCounts, double averageTerms,
                                    int samples) {
        int classTerms = counts.values().stream().mapToInt(Integer::intValue).sum();
        int support = Math.min(MIN_SUPPORT, samples);
        Map<String, Double> scores = new HashMap<>();
        counts.forEach((term, count) -> {
            if (count >= support) {
                scores.put(term, (double) count / classTerms * Math.log(1 + averageTerms / totalCounts.get(term)));
            }
        });
        List<String> ranked = new ArrayList<>(scores.keySet());
        ranked.sort(Comparator.comparingDouble((String t) -> scores.get(t)).reversed().thenComparing(t -> t));

        List<String> chosen = new ArrayList<>();
        for (String term : ranked) {
            if (chosen.size() == keyphrases) {
                break;
            }
            String phrase = term.contains(" ") ? term : completedPhrase(term, counts, ranked);
            Set<String> shown = new HashSet<>();
            chosen.forEach(p -> shown.addAll(stems(p)));
            if (shown.containsAll(stems(phrase))) {
                continue;
            }
            // a bigram says more than a word of it shown earlier: it takes that word's place
            int covered = -1;
            for (int i = 0; i < chosen.size() && covered < 0; i++) {
                if (!chosen.get(i).contains(" ") && stems(phrase).containsAll(stems(chosen.get(i)))) {
                    covered = i;
                }
            }
            if (covered >= 0) {
                chosen.set(covered, phrase);
            } else {
                chosen.add(phrase);
            }
        }
        return chosen;
    }

    /** Words of a phrase with a plural "s" dropped, so that "payments" adds nothing to "card payment". */
    private static List<String> stems(String phrase) {
        return Arrays.stream(phrase.split(" "))
                .map(w -> w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w)
                .toList();
    }

    /** The bigram that holds most uses of a word, if it holds at least half of them; else the word. */
    private static String completedPhrase(String word, Map<String, Integer> counts, List<String> ranked) {
        String best = word;
        int bestCount = 0;
        for (String term : ranked) {
            if (term.contains(" ") && Arrays.asList(term.split(" ")).contains(word) && counts.get(term) > bestCount) {
                best = term;
                bestCount = counts.get(term);
            }
        }
        return 2 * bestCount >= counts.get(word) ? best : word;
    }

    private List<String> typicalTexts(List<IntentSample> samples, float[] centre) {
        List<IntentSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble((IntentSample s) -> -Vectors.dot(s.vector(), centre))
                .thenComparing(IntentSample::text));
        List<String> typical = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IntentSample sample : sorted) {
            if (typical.size() == examples) {
                break;
            }
            if (seen.add(sample.text().strip().toLowerCase(Locale.ROOT))) {
                typical.add(sample.text().strip());
            }
        }
        return typical;
    }

    private static String label(List<String> phrases, List<String> typical) {
        if (!phrases.isEmpty()) {
            return String.join(" / ", phrases.subList(0, Math.min(LABEL_PHRASES, phrases.size())));
        }
        if (typical.isEmpty()) {
            return "(unnamed)";
        }
        String text = typical.get(0);
        return text.length() <= FALLBACK_LABEL_CHARS ? text : text.substring(0, FALLBACK_LABEL_CHARS) + "…";
    }
}
