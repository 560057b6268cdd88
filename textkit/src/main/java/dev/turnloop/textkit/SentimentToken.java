package dev.turnloop.textkit;

/**
 * One word, emoticon or merged phrase of a text being scored, with what the scorer needs to know about its
 * surroundings.
 *
 * @param text        the token as written (case kept, for the ALL-CAPS rule)
 * @param key         lexicon look-up key: lowercase, except for emoticons whose case matters ("D:" is not "d:")
 * @param clauseEnd   punctuation or a contrast follows, so negation and boosters do not reach across it
 * @param sentenceEnd a sentence ends after this token
 * @param elongated   written with stretched letters ("sooo goood"), which signals emphasis
 * @param phrase      several words merged into one unit
 * @param cue         valence a cue phrase starting here adds to this word, or null
 */
record SentimentToken(String text, String key, boolean clauseEnd, boolean sentenceEnd, boolean elongated,
                      boolean phrase, Double cue) {

    static SentimentToken word(String text) {
        return new SentimentToken(text, text.toLowerCase(java.util.Locale.ROOT), false, false, false, false, null);
    }

    static SentimentToken withKey(String text, String key) {
        return new SentimentToken(text, key, false, false, false, false, null);
    }

    SentimentToken withBoundary(boolean clause, boolean sentence) {
        return new SentimentToken(text, key, clauseEnd || clause, sentenceEnd || sentence, elongated, phrase, cue);
    }

    SentimentToken withCue(double valence) {
        return new SentimentToken(text, key, clauseEnd, sentenceEnd, elongated, phrase, valence);
    }
}
