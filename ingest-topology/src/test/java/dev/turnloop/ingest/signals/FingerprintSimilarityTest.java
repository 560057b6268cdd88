package dev.turnloop.ingest.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintSimilarityTest {

    private final FingerprintSimilarity similarity = new FingerprintSimilarity();

    @Test
    void highestIsTheBestPairwiseSimilarity() {
        byte[] now = similarity.fingerprint("my card never arrived, I need it for my trip next week");
        List<byte[]> earlier = List.of(
                similarity.fingerprint("how do I reset my password on the mobile app"),
                similarity.fingerprint("thanks"),
                similarity.fingerprint("my card never arrived and I need it for a trip next week"));

        double expected = earlier.stream().mapToDouble(e -> similarity.similarity(now, e)).max().orElseThrow();

        assertThat(similarity.highest(now, earlier)).isEqualTo(expected).isGreaterThan(0.5);
    }

    @Test
    void nothingEarlierOrNoContentIsZero() {
        byte[] now = similarity.fingerprint("my card never arrived, I need it for my trip next week");

        assertThat(similarity.highest(now, List.of())).isZero();
        assertThat(similarity.highest(similarity.fingerprint("ok thanks"), List.of(now))).isZero();
    }
}
