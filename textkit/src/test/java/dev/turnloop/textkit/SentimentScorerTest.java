package dev.turnloop.textkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentimentScorerTest {

    private final SentimentScorer vader = SentimentScorer.vader();
    private final SentimentScorer standard = SentimentScorer.standard();

    /** Expected compounds are the outputs printed in the vaderSentiment 3.3 README (rounded to 4 places). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "VADER is smart, handsome, and funny.|0.8316",
        "VADER is smart, handsome, and funny!|0.8439",
        "VADER is very smart, handsome, and funny.|0.8545",
        "VADER is VERY SMART, handsome, and FUNNY.|0.9227",
        "VADER is VERY SMART, handsome, and FUNNY!!!|0.9342",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!|0.9469",
        "VADER is not smart, handsome, nor funny.|-0.7424",
        "The book was good.|0.4404",
        "At least it isn't a horrible book.|0.431",
        "The book was only kind of good.|0.3832",
        "The plot was good, but the characters are uncompelling and the dialog is not great.|-0.7042",
        "Today SUX!|-0.5461",
        "Today only kinda sux! But I'll get by, lol|0.5249",
        "Make sure you :) or :D today!|0.8633",
        "Not bad at all|0.431"})
    void vaderModeReproducesTheReferenceImplementationsPublishedScores(String text, double published) {
        // Given the plain VADER scorer
        // When scoring the reference README's examples
        double score = vader.score(text);
        // Then each matches the published compound to its four printed decimals
        assertThat(score).isCloseTo(published, within(0.00006));
    }

    @ParameterizedTest
    @ValueSource(strings = {"it doesn't work", "it doesnt work", "still not working", "This is ridiculous.",
        "I have asked for the third time", "useless, waste of time", "the app keeps crashing",
        "I dont like it", "The product is pretty bad", "Are you kidding me? That makes no sense"})
    void givenSupportFrustrationWhenScoredByStandardThenClearlyNegative(String text) {
        assertThat(standard.score(text)).isLessThan(-0.25);
    }

    @Test
    void givenFrustrationPhrasesWhenScoredThenStandardIsNegativeWherePlainVaderSeesNothing() {
        // Given phrases without a single rated word, and multi-word lexicon entries whitespace splitting never sees
        List<String> texts = List.of("it doesn't work", "not working again", "for the third time",
                "I'm fed up with it", "I cant stand this");
        // When / Then
        texts.forEach(t -> {
            assertThat(vader.score(t)).as(t).isEqualTo(0.0);
            assertThat(standard.score(t)).as(t).isNegative();
        });
    }

    @Test
    void givenStillBeforeANegationWhenScoredThenMoreNegativeThanWithoutIt() {
        assertThat(standard.score("it is still not working")).isLessThan(standard.score("it is not working"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'd like to book a table for two", "Can you help me find a restaurant?",
        "No, that's all.", "Yes, please.", "I would like to leave on the 2nd of March", "It looks like rain",
        "Call me at 143 Main Street", "I need it right now"})
    void givenTaskRequestsWhenScoredByStandardThenNeutral(String text) {
        assertThat(standard.score(text)).isCloseTo(0.0, within(0.06));
    }

    @Test
    void givenRequestsWithPoliteWordsWhenScoredThenPlainVaderCallsThemPositive() {
        // the failure the standard scorer fixes: politeness and "would like" read as praise
        assertThat(vader.score("I'd like to book a table for two")).isGreaterThan(0.3);
        assertThat(vader.score("Can you help me find a restaurant?")).isGreaterThan(0.3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I can't thank you enough", "I couldn't be happier with it", "It's not bad at all",
        "No, it's great.", "thanks, that was super helpful!", "Not right now thanks", "soooo goood",
        "Can't wait to try it"})
    void givenPraiseThatContainsNegatorsOrPunctuationWhenScoredByStandardThenPositive(String text) {
        assertThat(standard.score(text)).isGreaterThan(0.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"It is not good enough", "The fix doesn't work well enough", "isn't nice enough"})
    void givenEnoughAfterADenialWhenScoredByStandardThenNegative(String text) {
        // only inability ("can't thank you enough", "can not recommend it enough") turns "enough" into praise
        assertThat(standard.score(text)).isNegative();
    }

    @Test
    void givenInabilityBeforeEnoughWhenScoredByStandardThenPraise() {
        assertThat(standard.score("I can not recommend it enough")).isGreaterThan(0.25);
    }

    @Test
    void givenStretchedWordsWhenScoredThenStrongerThanPlainSpelling() {
        assertThat(standard.score("it is sooo goood")).isGreaterThan(standard.score("it is so good"));
    }

    @Test
    void givenNegationBeforeAClauseBoundaryWhenScoredThenTheNextClauseIsNotNegated() {
        // Given "not" ends its clause
        String text = "I did not expect it, great product";
        // When / Then the plain model lets the negation reach "great"; the standard one does not
        assertThat(vader.score(text)).isNegative();
        assertThat(standard.score(text)).isPositive();
    }

    @Test
    void givenContrastWhenScoredThenTheClauseAfterButDominates() {
        assertThat(standard.score("The room was nice but the staff were rude")).isNegative();
        assertThat(standard.score("The staff were rude but the room was wonderful")).isPositive();
    }

    @Test
    void givenEmojiWhenScoredThenTheyCarrySentiment() {
        assertThat(standard.score("delivered today 👍")).isPositive();
        assertThat(standard.score("delivered today 😡")).isNegative();
        assertThat(standard.score("great 😡")).isLessThan(standard.score("great"));
    }

    @Test
    void givenTypographicApostropheAndHtmlEntitiesWhenScoredThenReadLikePlainText() {
        assertThat(standard.score("it doesn\u2019t work")).isEqualTo(standard.score("it doesn't work"));
        assertThat(standard.score("fast &amp; friendly")).isEqualTo(standard.score("fast & friendly"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "the parcel id is 12345", "!!!", ":"})
    void givenTextWithoutSentimentWhenScoredThenZero(String text) {
        assertThat(standard.score(text)).isZero();
        assertThat(vader.score(text)).isZero();
    }

    @Test
    void givenNullWhenScoredThenZero() {
        assertThat(standard.score(null)).isZero();
    }

    @Test
    void givenVeryLongEmphaticTextWhenScoredThenStaysWithinUnitRange() {
        String text = "AMAZING!!! love love LOVE it, best ever!!! ".repeat(200);
        assertThat(standard.score(text)).isBetween(0.99, 1.0);
        assertThat(standard.score(text.replace("AMAZING", "AWFUL").replace("love", "hate")
                .replace("LOVE", "HATE").replace("best", "worst"))).isBetween(-1.0, -0.99);
    }

    @Test
    void givenManyThreadsWhenScoringThenResultsEqualSequentialScoring() {
        // Given a mix of texts
        List<String> texts = IntStream.range(0, 2000)
                .mapToObj(k -> (k % 3 == 0 ? "still not working!! " : k % 3 == 1 ? "thanks, great " : "ok ") + k)
                .collect(Collectors.toList());
        // When scored sequentially and in parallel
        List<Double> sequential = texts.stream().map(standard::score).collect(Collectors.toList());
        List<Double> parallel = texts.parallelStream().map(standard::score).collect(Collectors.toList());
        // Then the results agree
        assertThat(parallel).isEqualTo(sequential);
    }
}
