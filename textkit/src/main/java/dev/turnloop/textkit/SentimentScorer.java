package dev.turnloop.textkit;

import static dev.turnloop.textkit.VaderRules.BOOSTERS;
import static dev.turnloop.textkit.VaderRules.B_INCR;
import static dev.turnloop.textkit.VaderRules.C_INCR;
import static dev.turnloop.textkit.VaderRules.NEGATE;
import static dev.turnloop.textkit.VaderRules.N_SCALAR;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores the sentiment of one user turn on VADER's "compound" scale, -1 (most negative) to 1 (most positive), so
 * that topologies can flag frustrated users without a model server.
 *
 * <p>{@link #vader()} is a faithful port of VADER (Hutto &amp; Gilbert 2014, reference implementation 3.3): lexicon
 * valences, boosters and dampeners, negation in a three-word window, the "but" shift, ALL-CAPS emphasis, "!" and
 * "?" amplification, "kind of", "least", idioms, emoticons and emoji. {@link #standard()} keeps that model and
 * fixes what goes wrong on support conversations and reviews: negation and boosters stop at clause punctuation
 * and contrasts and negate once per word; short words lose their punctuation ("no," is "no"); the lexicon's
 * multi-word entries and support phrases ("doesn't work", "for the third time", "still not") are read;
 * "like"/"please"/"help" in requests, answer particles ("No, that's all") and numerals are not sentiment; degree
 * adverbs ("pretty bad", "super helpful") modify instead of carrying their own valence; stretched words
 * ("sooo goood") count with emphasis; "can't thank you enough" is not negated; tokens rated twice in the lexicon
 * get the mean rating; and the contrast shift is applied per sentence. Instances are immutable and thread-safe.
 */
public final class SentimentScorer {

    /** Answer particles: at the start of a sentence and set off by punctuation they answer, they do not rate. */
    private static final Set<String> ANSWER_PARTICLES = Set.of(
            "no", "nope", "nah", "yes", "yeah", "yep", "yup", "sure", "ok", "okay");
    /** Thanking is an act, not a property a negator can deny: "not right now thanks" still thanks. */
    private static final Set<String> NOT_NEGATABLE = Set.of("thanks", "thank", "thx", "ty");
    private static final Set<String> CONTRASTS = Set.of("but", "however");
    /** Negators beyond VADER's list, with the same meaning in a three-word window. */
    private static final Set<String> EXTRA_NEGATORS = Set.of("unable", "nobody", "noone");
    /** Negation words that do not negate the word after them ("not only good but ..."). */
    private static final Set<String> NOT_NEGATING_BEFORE = Set.of("only", "just");
    /**
     * Words rated as adjectives or exclamations in the lexicon that act as degree adverbs before another rated word
     * ("pretty bad" is bad, not half pretty): they amplify like VADER's boosters, "pretty" as its "quite" does.
     */
    private static final Map<String, Double> DEGREE_ADVERBS = Map.of(
            "pretty", B_INCR, "super", B_INCR, "freaking", B_INCR, "freakin", B_INCR, "ridiculously", B_INCR,
            "insanely", B_INCR, "damn", B_INCR);
    private static final Pattern HTML_ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#39);");
    private static final Map<String, String> HTML_ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "#39", "'");
    private static final Pattern GLUED_CLAUSE = Pattern.compile("(?<=\\p{L})([,;!?]+|\\.{2,}|\u2026)(?=\\p{L})");

    private final SentimentLexicon lexicon;
    private final EmojiGlosses emoji;
    private final SentimentTokenizer tokenizer;
    private final boolean standard;

    private SentimentScorer(SentimentLexicon lexicon, EmojiGlosses emoji, SentimentTokenizer tokenizer,
                            boolean standard) {
        this.lexicon = lexicon;
        this.emoji = emoji;
        this.tokenizer = tokenizer;
        this.standard = standard;
    }

    /** Plain VADER, as published; the baseline to compare {@link #standard()} with. */
    public static SentimentScorer vader() {
        return Holder.VADER;
    }

    /** VADER with the domain improvements described on this class; what the topologies use. */
    public static SentimentScorer standard() {
        return Holder.STANDARD;
    }

    /** The compound score in [-1, 1]; 0 for blank text or text without sentiment. */
    public double score(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String prepared = emoji.replace(text);
        if (standard) {
            prepared = normalise(prepared);
        }
        prepared = prepared.strip();
        List<SentimentToken> tokens = standard ? tokenizer.standard(prepared) : SentimentTokenizer.vader(prepared);
        if (tokens.isEmpty()) {
            return 0;
        }
        boolean capsDiffer = someButNotAllCaps(tokens);
        double[] valences = new double[tokens.size()];
        for (int i = 0; i < valences.length; i++) {
            valences[i] = valence(tokens, i, capsDiffer);
        }
        if (standard) {
            shiftContrastPerSentence(tokens, valences);
        } else {
            shiftContrastAfterFirstBut(tokens, valences);
        }
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        double emphasis = punctuationEmphasis(prepared);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = sum / Math.sqrt(sum * sum + VaderRules.ALPHA);
        return Math.max(-1, Math.min(1, compound));
    }

    private static String normalise(String text) {
        String out = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u00B4', '\'').replace('`', '\'');
        if (out.indexOf('&') >= 0) {
            out = HTML_ENTITY.matcher(out).replaceAll(m -> HTML_ENTITIES.get(m.group(1)));
        }
        // the look-behind costs at every position, so only texts with a mark glued to a letter are searched
        return hasGluedMark(out) ? GLUED_CLAUSE.matcher(out).replaceAll("$1 ") : out;
    }

    /** Whether a clause mark ({@code ,;!?.} or an ellipsis) is directly followed by a letter anywhere. */
    private static boolean hasGluedMark(String text) {
        for (int i = 1; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == ',' || c == ';' || c == '!' || c == '?' || c == '.' || c == '\u2026')
                    && Character.isLetter(text.codePointAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private double valence(List<SentimentToken> tokens, int i, boolean capsDiffer) {
        SentimentToken token = tokens.get(i);
        String lower = token.key();
        if (BOOSTERS.containsKey(lower) || (standard && isDegreeAdverb(tokens, i))) {
            return 0;
        }
        if (!standard && lower.equals("kind") && i + 1 < tokens.size() && keyAt(tokens, i + 1).equals("of")) {
            return 0;
        }
        Double base = token.cue() != null ? token.cue() : lexicon.valence(lower);
        if (base == null || (standard && isAnswerParticle(tokens, i))) {
            return 0;
        }
        double valence = base;
        // "no" before a rated word is a determiner that negates it ("no problem"), not a rated word itself
        if (lower.equals("no") && i + 1 < tokens.size() && lexicon.contains(keyAt(tokens, i + 1))
                && !(standard && (token.clauseEnd() || keyAt(tokens, i + 1).equals("no")))) {
            valence = 0;
        }
        // a repeated "no" ("no no no") is insistence, not a negated "no"
        if (precededByNo(tokens, i) && !(standard && lower.equals("no"))) {
            valence = base * N_SCALAR;
        }
        if (isAllCaps(token.text()) && capsDiffer && !(standard && valence == 0)) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        if (token.elongated() && valence != 0) {
            valence += valence > 0 ? B_INCR : -B_INCR;
        }
        boolean negated = false;
        for (int distance = 0; distance < 3; distance++) {
            int j = i - (distance + 1);
            if (j < 0 || (standard && (tokens.get(j).clauseEnd() || CONTRASTS.contains(keyAt(tokens, j))))) {
                break;
            }
            boolean adverb = standard && isDegreeAdverb(tokens, j);
            if (!adverb && lexicon.contains(keyAt(tokens, j))) {
                continue;
            }
            double scalar = scalar(tokens.get(j), valence, capsDiffer, adverb);
            if (distance == 1) {
                scalar *= 0.95;
            } else if (distance == 2) {
                scalar *= 0.9;
            }
            valence += scalar;
            double factor = negationFactor(tokens, distance, i, negated);
            valence *= factor;
            // the standard scorer negates once however many negators the window holds ("don't care don't care")
            negated = standard && (negated || factor == N_SCALAR);
            if (distance == 2 && !standard) {
                valence = specialIdioms(valence, tokens, i);
            }
        }
        return least(valence, tokens, i);
    }

    /** "No, that's all." / "Yes, please." — a reply's polarity, not the speaker's feeling. */
    private static boolean isAnswerParticle(List<SentimentToken> tokens, int i) {
        return ANSWER_PARTICLES.contains(keyAt(tokens, i)) && tokens.get(i).clauseEnd()
                && (i == 0 || tokens.get(i - 1).sentenceEnd());
    }

    /** A booster's push, away from zero in the direction of the word it modifies. */
    private static double scalar(SentimentToken modifier, double valence, boolean capsDiffer, boolean adverb) {
        Double push = adverb ? DEGREE_ADVERBS.get(modifier.key()) : BOOSTERS.get(modifier.key());
        if (push == null) {
            return 0;
        }
        double scalar = valence < 0 ? -push : push;
        if (isAllCaps(modifier.text()) && capsDiffer) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        return scalar;
    }

    private boolean isDegreeAdverb(List<SentimentToken> tokens, int i) {
        if (!DEGREE_ADVERBS.containsKey(keyAt(tokens, i)) || i + 1 >= tokens.size() || tokens.get(i).clauseEnd()) {
            return false;
        }
        String next = keyAt(tokens, i + 1);
        return !next.equals(keyAt(tokens, i)) && (lexicon.contains(next) || BOOSTERS.containsKey(next));
    }

    private boolean precededByNo(List<SentimentToken> tokens, int i) {
        for (int back = 1; back <= 3 && i - back >= 0; back++) {
            if (standard && tokens.get(i - back).clauseEnd()) {
                return false;
            }
            if (keyAt(tokens, i - back).equals("no")) {
                // three words back only through "or"/"nor": "no money or fame"
                String between = keyAt(tokens, i - 1);
                return back < 3 || between.equals("or") || between.equals("nor");
            }
        }
        return false;
    }

    /** How a word {@code distance + 1} places before the rated word changes it: negates, intensifies, or not. */
    private double negationFactor(List<SentimentToken> tokens, int distance, int i, boolean negated) {
        int j = i - (distance + 1);
        if (distance >= 1 && neverSoThis(tokens, distance, i)) {
            return 1.25;
        }
        if (distance >= 1 && withoutDoubt(tokens, distance, i)) {
            return 1;
        }
        if (!isNegator(tokens, j) || negated) {
            return 1;
        }
        if (standard && ((saysUnable(tokens, j) && intensifiedByEnough(tokens, i))
                || NOT_NEGATABLE.contains(keyAt(tokens, i)))) {
            return 1;
        }
        return N_SCALAR;
    }

    /**
     * "never so good", "never this good" intensify rather than negate. Three words back the reference's operator
     * precedence lets any "so"/"this" just before the word count, with or without "never"; kept, because it reads
     * comparisons such as "haven't been this sore in a while" as intensified rather than negated, as people do.
     */
    private static boolean neverSoThis(List<SentimentToken> tokens, int distance, int i) {
        if (distance == 1) {
            return keyAt(tokens, i - 2).equals("never") && isSoOrThis(keyAt(tokens, i - 1));
        }
        return (keyAt(tokens, i - 3).equals("never") && isSoOrThis(keyAt(tokens, i - 2)))
                || isSoOrThis(keyAt(tokens, i - 1));
    }

    private static boolean withoutDoubt(List<SentimentToken> tokens, int distance, int i) {
        if (distance == 1) {
            return keyAt(tokens, i - 2).equals("without") && keyAt(tokens, i - 1).equals("doubt");
        }
        return keyAt(tokens, i - 3).equals("without")
                && (keyAt(tokens, i - 2).equals("doubt") || keyAt(tokens, i - 1).equals("doubt"));
    }

    private static boolean isSoOrThis(String word) {
        return word.equals("so") || word.equals("this");
    }

    private boolean isNegator(List<SentimentToken> tokens, int j) {
        SentimentToken token = tokens.get(j);
        String lower = token.key();
        boolean negator = NEGATE.contains(lower) || lower.contains("n't");
        if (!standard) {
            return negator;
        }
        if (token.phrase()) {
            return false;
        }
        if (lower.equals("not") && j + 1 < tokens.size() && NOT_NEGATING_BEFORE.contains(keyAt(tokens, j + 1))) {
            return false;
        }
        return negator || EXTRA_NEGATORS.contains(lower);
    }

    /**
     * Whether the negator at {@code j} says the speaker is unable ("can't", "cannot", "couldn't", "can not"): only
     * inability makes the "can't thank you enough" idiom; "isn't good enough" and "doesn't work well enough" deny.
     */
    private static boolean saysUnable(List<SentimentToken> tokens, int j) {
        String negator = keyAt(tokens, j);
        if (negator.equals("not") && j > 0) {
            negator = keyAt(tokens, j - 1);
        }
        return negator.startsWith("can") || negator.startsWith("couldn");
    }

    /** "can't thank you enough", "can't recommend it enough": the negation means "more than words allow". */
    private static boolean intensifiedByEnough(List<SentimentToken> tokens, int i) {
        for (int ahead = 1; ahead <= 2 && i + ahead < tokens.size(); ahead++) {
            if (keyAt(tokens, i + ahead).equals("enough")) {
                return true;
            }
            if (tokens.get(i + ahead).clauseEnd()) {
                return false;
            }
        }
        return false;
    }

    /** "the least compelling" negates; "at least", "very least" do not. */
    private static double least(double valence, List<SentimentToken> tokens, int i) {
        if (i > 0 && keyAt(tokens, i - 1).equals("least")) {
            String before = i > 1 ? keyAt(tokens, i - 2) : "";
            if (!before.equals("at") && !before.equals("very")) {
                return valence * N_SCALAR;
            }
        }
        return valence;
    }

    /** The reference's idiom check, reached only when three words precede the rated word. */
    private static double specialIdioms(double valence, List<SentimentToken> tokens, int i) {
        String w3 = keyAt(tokens, i - 3);
        String w2 = keyAt(tokens, i - 2);
        String w1 = keyAt(tokens, i - 1);
        String w0 = keyAt(tokens, i);
        double result = valence;
        for (String seq : new String[] {w1 + " " + w0, w2 + " " + w1 + " " + w0, w2 + " " + w1,
                w3 + " " + w2 + " " + w1, w3 + " " + w2}) {
            Double special = VaderRules.SPECIAL_CASES.get(seq);
            if (special != null) {
                result = special;
                break;
            }
        }
        if (i + 1 < tokens.size()) {
            Double special = VaderRules.SPECIAL_CASES.get(w0 + " " + keyAt(tokens, i + 1));
            if (special != null) {
                result = special;
            }
        }
        if (i + 2 < tokens.size()) {
            Double special = VaderRules.SPECIAL_CASES.get(
                    w0 + " " + keyAt(tokens, i + 1) + " " + keyAt(tokens, i + 2));
            if (special != null) {
                result = special;
            }
        }
        for (String ngram : new String[] {w3 + " " + w2 + " " + w1, w3 + " " + w2, w2 + " " + w1}) {
            Double booster = BOOSTERS.get(ngram);
            if (booster != null) {
                result += booster;
            }
        }
        return result;
    }

    /** The reference: words before the first "but" count half, words after it one and a half. */
    private static void shiftContrastAfterFirstBut(List<SentimentToken> tokens, double[] valences) {
        for (int b = 0; b < tokens.size(); b++) {
            if (keyAt(tokens, b).equals("but")) {
                scale(valences, 0, b, 0.5);
                scale(valences, b + 1, valences.length, 1.5);
                return;
            }
        }
    }

    /**
     * The same shift, within the sentence holding the contrast; a sentence that opens with "But"/"However"
     * contrasts with the sentence before it.
     */
    private static void shiftContrastPerSentence(List<SentimentToken> tokens, double[] valences) {
        int previousStart = 0;
        int start = 0;
        while (start < tokens.size()) {
            int end = start;
            while (end < tokens.size() - 1 && !tokens.get(end).sentenceEnd()) {
                end++;
            }
            for (int b = start; b <= end; b++) {
                if (CONTRASTS.contains(keyAt(tokens, b))) {
                    scale(valences, b == start ? previousStart : start, b, 0.5);
                    scale(valences, b + 1, end + 1, 1.5);
                    break;
                }
            }
            previousStart = start;
            start = end + 1;
        }
    }

    private static void scale(double[] values, int from, int to, double factor) {
        for (int k = from; k < to; k++) {
            values[k] *= factor;
        }
    }

    /** Up to four "!" add emphasis; two or more "?" add some, capped. */
    private static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double emphasis = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return emphasis;
    }

    private static boolean someButNotAllCaps(List<SentimentToken> tokens) {
        int caps = 0;
        for (SentimentToken token : tokens) {
            if (isAllCaps(token.text())) {
                caps++;
            }
        }
        return caps > 0 && caps < tokens.size();
    }

    /** Python's {@code str.isupper()}: at least one cased letter and no lowercase one. */
    static boolean isAllCaps(String s) {
        boolean cased = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c) || Character.isTitleCase(c);
        }
        return cased;
    }

    private static String keyAt(List<SentimentToken> tokens, int i) {
        return tokens.get(i).key();
    }

    /** Loads the lexicon once, on first use. */
    private static final class Holder {
        private static final SentimentScorer VADER;
        private static final SentimentScorer STANDARD;

        static {
            SentimentLexicon vaderLexicon = SentimentLexicon.vader();
            EmojiGlosses emoji = EmojiGlosses.load();
            VADER = new SentimentScorer(vaderLexicon, emoji, null, false);
            SentimentLexicon pooled = SentimentLexicon.pooled();
            PhraseBook phrases = PhraseBook.load(pooled);
            SentimentLexicon standardLexicon = pooled.without(neutralWords(pooled, phrases))
                    .with(ratedUnits(phrases));
            STANDARD = new SentimentScorer(standardLexicon, emoji,
                    new SentimentTokenizer(standardLexicon, phrases), true);
        }

        /** The phrase book's neutral words, and numerals: in task dialogue "143" is a quantity, not "I love you". */
        private static Set<String> neutralWords(SentimentLexicon lexicon, PhraseBook phrases) {
            Set<String> words = new HashSet<>();
            phrases.words().forEach((word, valence) -> {
                if (valence == 0) {
                    words.add(word);
                }
            });
            lexicon.words().stream().filter(w -> w.chars().allMatch(Character::isDigit)).forEach(words::add);
            return words;
        }

        /** Phrases read as one rated token, and single words the phrase book rates. */
        private static Map<String, Double> ratedUnits(PhraseBook phrases) {
            Map<String, Double> map = new HashMap<>();
            phrases.words().forEach((word, valence) -> {
                if (valence != 0) {
                    map.put(word, valence);
                }
            });
            phrases.entries().forEach((words, entry) -> {
                if (entry.valence() != 0 && entry.scope() == PhraseBook.Scope.PHRASE) {
                    map.put(words, entry.valence());
                }
            });
            return map;
        }
    }
}
