package dev.turnloop.textkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits text into the tokens {@link SentimentScorer} reads, in two ways: exactly as the VADER reference does
 * (whitespace split, edge punctuation stripped only from words longer than two letters), and the standard way,
 * which also strips short words ("no," becomes "no"), remembers where clauses end, reads stretched words
 * ("goooood") and laughter, and merges known phrases into one token.
 */
final class SentimentTokenizer {

    /** Python's {@code string.punctuation}, which the reference strips from word edges. */
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String CLAUSE_MARKS = ",;:.!?\u2026\u2013\u2014-";
    private static final String SENTENCE_MARKS = ".!?\u2026";
    private static final Pattern STRETCHED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern LAUGHTER = Pattern.compile("(?:ha){3,}h?|(?:ah){3,}");

    private final SentimentLexicon lexicon;
    private final PhraseBook phrases;

    SentimentTokenizer(SentimentLexicon lexicon, PhraseBook phrases) {
        this.lexicon = lexicon;
        this.phrases = phrases;
    }

    /** The reference tokenisation: a token of two characters or fewer keeps its punctuation (emoticons). */
    static List<SentimentToken> vader(String text) {
        List<SentimentToken> tokens = new ArrayList<>();
        for (String raw : splitOnWhitespace(text)) {
            String stripped = strip(raw, ASCII_PUNCTUATION);
            tokens.add(SentimentToken.word(stripped.length() <= 2 ? raw : stripped));
        }
        return tokens;
    }

    List<SentimentToken> standard(String text) {
        List<SentimentToken> tokens = new ArrayList<>();
        for (String raw : splitOnWhitespace(text)) {
            if (isKnown(raw)) {
                tokens.add(lexicon.contains(raw) ? SentimentToken.withKey(raw, raw) : SentimentToken.word(raw));
                continue;
            }
            int start = 0;
            int end = raw.length();
            while (start < end && !Character.isLetterOrDigit(raw.charAt(start))) {
                start++;
            }
            while (end > start && !Character.isLetterOrDigit(raw.charAt(end - 1))) {
                end--;
            }
            String trailing = raw.substring(end);
            if (start == end) {
                markLast(tokens, raw);
                continue;
            }
            tokens.add(readWord(raw.substring(start, end)));
            markLast(tokens, trailing);
        }
        return mergePhrases(tokens);
    }

    private boolean isKnown(String raw) {
        return lexicon.contains(raw) || lexicon.contains(raw.toLowerCase(Locale.ROOT));
    }

    /** A stretched word counts as the word it stretches, with emphasis; laughter of any length as "hahaha". */
    private SentimentToken readWord(String core) {
        String lower = core.toLowerCase(Locale.ROOT);
        if (isKnown(lower) || VaderRules.BOOSTERS.containsKey(lower)) {
            return SentimentToken.word(core);
        }
        if ((lower.startsWith("ha") || lower.startsWith("ah")) && LAUGHTER.matcher(lower).matches()) {
            return SentimentToken.word("hahaha");
        }
        if (hasTripleLetter(core)) {
            for (String collapsed : new String[] {STRETCHED.matcher(core).replaceAll("$1$1"),
                    STRETCHED.matcher(core).replaceAll("$1")}) {
                String collapsedLower = collapsed.toLowerCase(Locale.ROOT);
                if (isKnown(collapsedLower) || VaderRules.BOOSTERS.containsKey(collapsedLower)) {
                    return new SentimentToken(collapsed, collapsedLower, false, false, true, false, null);
                }
            }
        }
        return SentimentToken.word(core);
    }

    private static boolean hasTripleLetter(String word) {
        for (int k = 2; k < word.length(); k++) {
            char c = word.charAt(k);
            if (Character.isLetter(c) && c == word.charAt(k - 1) && c == word.charAt(k - 2)) {
                return true;
            }
        }
        return false;
    }

    private static void markLast(List<SentimentToken> tokens, String punctuation) {
        if (tokens.isEmpty() || punctuation.isEmpty()) {
            return;
        }
        boolean clause = containsAny(punctuation, CLAUSE_MARKS);
        boolean sentence = containsAny(punctuation, SENTENCE_MARKS);
        if (clause || sentence) {
            int last = tokens.size() - 1;
            tokens.set(last, tokens.get(last).withBoundary(clause, sentence));
        }
    }

    /** Longest match first; a phrase never spans a clause boundary. */
    private List<SentimentToken> mergePhrases(List<SentimentToken> tokens) {
        List<SentimentToken> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int matched = 0;
            PhraseBook.Entry entry = null;
            String key = tokens.get(i).key();
            for (int n = 2; i + n <= tokens.size(); n++) {
                if (tokens.get(i + n - 2).clauseEnd() || !phrases.isPrefix(key)) {
                    break;
                }
                key = key + ' ' + tokens.get(i + n - 1).key();
                PhraseBook.Entry candidate = phrases.lookup(key);
                if (candidate != null) {
                    matched = n;
                    entry = candidate;
                }
            }
            if (entry == null) {
                out.add(tokens.get(i));
                i++;
            } else if (entry.scope() == PhraseBook.Scope.FIRST) {
                out.add(tokens.get(i).withCue(entry.valence()));
                i++;
            } else {
                out.add(merge(tokens.subList(i, i + matched)));
                i += matched;
            }
        }
        return out;
    }

    private static SentimentToken merge(List<SentimentToken> parts) {
        StringBuilder text = new StringBuilder();
        StringBuilder key = new StringBuilder();
        for (SentimentToken part : parts) {
            if (text.length() > 0) {
                text.append(' ');
                key.append(' ');
            }
            text.append(part.text());
            key.append(part.key());
        }
        SentimentToken last = parts.get(parts.size() - 1);
        return new SentimentToken(text.toString(), key.toString(), last.clauseEnd(), last.sentenceEnd(),
                false, true, null);
    }

    static List<String> splitOnWhitespace(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    private static String strip(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
