package dev.turnloop.textkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The constants and word lists of VADER (Hutto &amp; Gilbert, ICWSM 2014; reference implementation vaderSentiment
 * 3.3, MIT licence), kept apart from the scoring code so both scorer modes read the same published values.
 */
final class VaderRules {

    /** Empirically derived mean rating change for a booster ("very") or dampener ("slightly"). */
    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    /** Empirically derived mean rating change for an ALL-CAPS sentiment word among mixed-case text. */
    static final double C_INCR = 0.733;
    /** Negation does not flip a valence fully: "not great" is less negative than "great" is positive. */
    static final double N_SCALAR = -0.74;
    /** Normalisation constant of the compound score, approximating the largest expected raw sum. */
    static final double ALPHA = 15;

    static final Set<String> NEGATE = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    static final Map<String, Double> BOOSTERS = boosters();

    /** Idioms containing lexicon words, applied by the reference implementation's special-case check. */
    static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
            "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);

    private VaderRules() {
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> map = new HashMap<>();
        for (String w : new String[] {"absolutely", "amazingly", "awfully", "completely", "considerable",
                "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
                "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin",
                "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking",
                "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly",
                "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite", "really",
                "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
                "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very"}) {
            map.put(w, B_INCR);
        }
        for (String w : new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof",
                "kind-of", "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly",
                "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
            map.put(w, B_DECR);
        }
        return Map.copyOf(map);
    }
}
