package dev.turnloop.textkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a {@link SentimentScorer} against human ratings the way VADER was validated: Pearson correlation
 * between the compound scores and the mean human rating of each text. Backs {@code turnloop eval signals
 * --sentiment FILE}.
 */
public final class SentimentEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(SentimentEvaluation.class);

    /** How many rated texts were scored and the correlation of scores with their ratings (NaN if undefined). */
    public record Result(int items, double pearsonR) {
    }

    private SentimentEvaluation() {
    }

    /**
     * Scores every line of a file in VADER's ground-truth format, {@code id<TAB>mean rating<TAB>text}; lines
     * without a numeric rating (headers, blanks) are skipped. Bytes that are not UTF-8 are read as U+FFFD.
     */
    public static Result pearson(Path vaderFormatFile, SentimentScorer scorer) throws IOException {
        double[] scores = new double[1024];
        double[] ratings = new double[1024];
        int items = 0;
        int skipped = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(vaderFormatFile), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cols = line.split("\t", 3);
                Double rating = cols.length == 3 ? parse(cols[1]) : null;
                if (rating == null) {
                    skipped++;
                    continue;
                }
                if (items == scores.length) {
                    scores = Arrays.copyOf(scores, items * 2);
                    ratings = Arrays.copyOf(ratings, items * 2);
                }
                scores[items] = scorer.score(cols[2]);
                ratings[items] = rating;
                items++;
            }
        }
        if (skipped > 0) {
            LOG.debug("skipped {} lines of {} without a rating", skipped, vaderFormatFile);
        }
        return new Result(items, correlation(Arrays.copyOf(scores, items), Arrays.copyOf(ratings, items)));
    }

    /** Pearson's r of two equally long samples; NaN for fewer than two pairs or a constant sample. */
    static double correlation(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < n; k++) {
            double dx = x[k] - meanX;
            double dy = y[k] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static Double parse(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
