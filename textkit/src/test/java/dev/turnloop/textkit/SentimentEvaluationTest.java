package dev.turnloop.textkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentEvaluationTest {

    @Test
    void givenPerfectlyLinearSamplesWhenCorrelatedThenOneOrMinusOne() {
        double[] x = {1, 2, 3, 4, 5};
        assertThat(SentimentEvaluation.correlation(x, new double[] {3, 5, 7, 9, 11})).isCloseTo(1.0, within(1e-12));
        assertThat(SentimentEvaluation.correlation(x, new double[] {5, 4, 3, 2, 1})).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void givenTextbookSampleWhenCorrelatedThenKnownR() {
        // x = 1..5, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60)
        double r = SentimentEvaluation.correlation(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
        assertThat(r).isCloseTo(6 / Math.sqrt(60), within(1e-12));
    }

    @Test
    void givenConstantRatingsWhenCorrelatedThenUndefined() {
        assertThat(SentimentEvaluation.correlation(new double[] {1, 2, 3}, new double[] {1, 1, 1})).isNaN();
    }

    @Test
    void givenFileWithHeaderAndBlankLinesWhenEvaluatedThenOnlyRatedLinesCount(@TempDir Path dir)
            throws IOException {
        // Given a small file in VADER's format, rated by hand, with a header and a blank line
        Path file = dir.resolve("rated.txt");
        Files.writeString(file, String.join("\n",
                "id\tmean\ttext",
                "1\t3.2\tI love it, absolutely wonderful!",
                "2\t-3.0\tterrible, it broke after a day and support was useless",
                "",
                "3\t0.1\tthe parcel arrived on tuesday",
                "4\t1.8\tgood value",
                "5\t-1.9\tdisappointed, not what I asked for"), StandardCharsets.UTF_8);
        // When evaluated
        SentimentEvaluation.Result result = SentimentEvaluation.pearson(file, SentimentScorer.standard());
        // Then five items count and scores follow the ratings closely
        assertThat(result.items()).isEqualTo(5);
        assertThat(result.pearsonR()).isGreaterThan(0.9);
    }

    @Test
    void givenVaderTweetsWhenEvaluatedThenStandardReachesVadersPublishedCorrelationAndBeatsPlainVader()
            throws IOException {
        // Given the 4,200 tweets with mean human ratings that VADER was validated on
        String dataDir = System.getProperty("turnloop.data.dir");
        Path tweets = dataDir == null ? null : Path.of(dataDir, "vader", "tweets_GroundTruth.txt");
        assumeTrue(tweets != null && Files.isRegularFile(tweets),
                "skipped: set turnloop.data.dir to a directory holding vader/tweets_GroundTruth.txt");
        // When both scorers are evaluated
        SentimentEvaluation.Result standard = SentimentEvaluation.pearson(tweets, SentimentScorer.standard());
        SentimentEvaluation.Result vader = SentimentEvaluation.pearson(tweets, SentimentScorer.vader());
        // Then the standard scorer reaches r >= 0.88 (the paper's figure for VADER) and beats the plain port
        assertThat(standard.items()).isEqualTo(4200);
        assertThat(standard.pearsonR()).isGreaterThanOrEqualTo(0.88);
        assertThat(standard.pearsonR()).isGreaterThan(vader.pearsonR());
    }
}
