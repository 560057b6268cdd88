package dev.turnloop.textkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextSimilarityTest {

    @Test
    void givenTextWhenTokenisedThenLowercaseContentWordsStemmedWithoutStopwordsOrPunctuation() {
        assertThat(TextSimilarity.tokens("I'd like to BOOK two tables, at 7pm on March 3rd!"))
                .containsExactly("book", "2", "tabl", "7", "pm", "march", "3");
    }

    @ParameterizedTest
    @CsvSource({"reservations,reservation", "reserved,reserve", "reserving,reserve", "stopped,stop",
        "cities,city", "boxes,box", "quickly,quick"})
    void givenInflectedFormsWhenStemmedThenTheyMeet(String inflected, String base) {
        assertThat(TextSimilarity.stem(inflected)).isEqualTo(TextSimilarity.stem(base));
    }

    @Test
    void givenIdenticalTextsWhenComparedThenEverySimilarityIsOne() {
        String text = "Please cancel my subscription to the premium plan";
        Fingerprint fp = TextSimilarity.fingerprint(text);
        assertThat(TextSimilarity.jaccard(text, text)).isEqualTo(1.0);
        assertThat(TextSimilarity.cosine(text, text)).isCloseTo(1.0, within(1e-12));
        assertThat(fp.similarity(TextSimilarity.fingerprint(text))).isEqualTo(1.0);
    }

    @Test
    void givenParaphraseSharingContentWordsWhenComparedThenHighSimilarity() {
        // Given the same request phrased twice
        String first = "My order hasn't arrived yet, where is it?";
        String again = "Where is my order? It still has not arrived.";
        // When / Then the content words coincide
        assertThat(TextSimilarity.jaccard(first, again)).isEqualTo(1.0);
        assertThat(TextSimilarity.fingerprint(first).similarity(TextSimilarity.fingerprint(again)))
                .isGreaterThan(0.8);
    }

    @Test
    void givenRephrasingWithSomeSharedWordsWhenComparedThenBetweenUnrelatedAndIdentical() {
        String first = "Can you book a table for two at 7pm?";
        String again = "Please reserve a table for 2 people at 7 pm";
        // shared content: table, 2, 7, pm of book/reserve, table, 2, 7, pm, people
        assertThat(TextSimilarity.jaccard(first, again)).isCloseTo(4.0 / 7, within(1e-12));
        assertThat(TextSimilarity.fingerprint(first).similarity(TextSimilarity.fingerprint(again)))
                .isBetween(0.3, 0.8);
    }

    @Test
    void givenTypoWhenComparedThenTrigramsStillMatchWhereWordsDoNot() {
        String first = "cancel my subscrption";
        String again = "I need to cancel my subscription";
        assertThat(TextSimilarity.jaccard(first, again)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(TextSimilarity.cosine(first, again)).isGreaterThan(0.8);
        Fingerprint a = TextSimilarity.fingerprint(first);
        Fingerprint b = TextSimilarity.fingerprint(again);
        assertThat(a.trigramJaccard(b)).isGreaterThan(a.tokenJaccard(b));
    }

    @Test
    void givenUnrelatedTextsWhenComparedThenZero() {
        String a = "What's the weather in Paris tomorrow?";
        String b = "Play some jazz music";
        assertThat(TextSimilarity.jaccard(a, b)).isZero();
        assertThat(TextSimilarity.cosine(a, b)).isZero();
        assertThat(TextSimilarity.fingerprint(a).similarity(TextSimilarity.fingerprint(b))).isZero();
    }

    @Test
    void givenEmptyOrStopwordOnlyInputWhenComparedThenZeroAndFingerprintEmpty() {
        assertThat(TextSimilarity.tokens(null)).isEmpty();
        assertThat(TextSimilarity.jaccard("", "")).isZero();
        assertThat(TextSimilarity.cosine("...", "what is it?")).isZero();
        Fingerprint empty = TextSimilarity.fingerprint("  ?!  ");
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.tokenCount()).isZero();
        assertThat(TextSimilarity.fingerprint("reset my password").tokenCount()).isEqualTo(2);
        assertThat(empty.similarity(empty)).isZero();
        assertThat(empty.similarity(TextSimilarity.fingerprint("reset my password"))).isZero();
    }

    @Test
    void givenFingerprintWhenEncodedAndDecodedThenEqualAndCompact() {
        // Given
        Fingerprint fp = TextSimilarity.fingerprint("I'd like to book a flight to Boston on March 3rd");
        // When
        byte[] bytes = fp.toBytes();
        Fingerprint decoded = Fingerprint.fromBytes(bytes);
        // Then
        assertThat(decoded).isEqualTo(fp);
        assertThat(decoded.similarity(fp)).isEqualTo(1.0);
        assertThat(bytes.length).isLessThan(400);
        assertThat(Fingerprint.fromBytes(TextSimilarity.fingerprint("").toBytes()).isEmpty()).isTrue();
    }

    @Test
    void givenCorruptBytesWhenDecodedThenRejected() {
        byte[] bytes = TextSimilarity.fingerprint("reset my password please").toBytes();
        assertThatThrownBy(() -> Fingerprint.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> Fingerprint.fromBytes(otherVersion)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenLongTextsWhenFingerprintedThenSketchesAreCappedAndStillEstimateOverlap() {
        // Given two long texts of 200 distinct words each, 100 of them shared (300 in all)
        String shared = words("shr", 100);
        String a = shared + " " + words("lft", 100);
        String b = shared + " " + words("rgt", 100);
        // When
        Fingerprint fa = TextSimilarity.fingerprint(a);
        Fingerprint fb = TextSimilarity.fingerprint(b);
        // Then the sketch stays small and the estimate is near the true token Jaccard of 100/300
        assertThat(fa.toBytes().length).isLessThan(1000);
        assertThat(TextSimilarity.jaccard(a, b)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(fa.tokenJaccard(fb)).isCloseTo(1.0 / 3, within(0.15));
    }

    /** n distinct made-up words that no stemming rule touches: prefix plus three of the letters b c f g k m n p t. */
    private static String words(String prefix, int n) {
        String letters = "bcfgkmnpt";
        return IntStream.range(0, n).mapToObj(k -> prefix + letters.charAt(k / 81) + letters.charAt(k / 9 % 9)
                + letters.charAt(k % 9)).collect(Collectors.joining(" "));
    }
}
