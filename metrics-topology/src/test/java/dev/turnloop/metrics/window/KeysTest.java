package dev.turnloop.metrics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.schemas.Cohort;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void partsWithBarsAndPercentSignsSurviveAJoinAndSplit() {
        // Given parts that contain the separator and the escape character
        String[] parts = {"intent|with|bars", "50%", "%7C", "plain", ""};

        // When
        String key = KeyParts.join(parts);

        // Then
        assertThat(key.chars().filter(c -> c == '|').count()).as("one separator between each part").isEqualTo(4);
        assertThat(KeyParts.split(key)).containsExactly(parts);
        assertThat(KeyParts.first(key)).isEqualTo("intent|with|bars");
    }

    @Test
    void aPrefixMatchesOnlyKeysWhoseFirstPartIsExactlyIt() {
        // Given
        String prefix = KeyParts.prefix("change-1");

        // Then
        assertThat(KeyParts.join("change-1", "intent", "seg")).startsWith(prefix);
        assertThat(KeyParts.join("change-10", "intent", "seg")).doesNotStartWith(prefix);
    }

    @Test
    void metricKeysEncodeTheThreeCohortLevels() {
        // Given
        Cohort cohort = Cohort.newBuilder().setPromptVersion("p|1").setHarnessVersion("h1").setConfigVersion("c1")
                .setSegment("plan=trial").build();
        CohortKey exact = CohortKey.of(cohort);

        // When / Then
        assertThat(new MetricKey("billing", exact).encode()).isEqualTo("billing|p%7C1|h1|c1|plan=trial");
        assertThat(new MetricKey("billing", CohortKey.segmentRollup("plan=trial")).encode())
                .isEqualTo("billing|*|*|*|plan=trial");
        assertThat(new MetricKey("billing", CohortKey.ALL_COHORTS).encode()).isEqualTo("billing|*");
        assertThat(exact.level()).isEqualTo(CohortKey.Level.COHORT);
        assertThat(CohortKey.segmentRollup("plan=trial").level()).isEqualTo(CohortKey.Level.SEGMENT);
        assertThat(CohortKey.ALL_COHORTS.level()).isEqualTo(CohortKey.Level.ALL);
        assertThat(MetricKey.parse("billing|p%7C1|h1|c1|plan=trial")).isEqualTo(new MetricKey("billing", exact));
        assertThat(MetricKey.parse("billing|*")).isEqualTo(new MetricKey("billing", CohortKey.ALL_COHORTS));
    }

    @Test
    void aTopicKeyCarriesTheWindowFirst() {
        // Given
        MetricKey key = new MetricKey("billing", CohortKey.ALL_COHORTS);

        // When
        String topicKey = key.topicKey("1d");

        // Then
        assertThat(topicKey).isEqualTo("1d|billing|*");
        assertThat(MetricKey.parseTopicKey(topicKey)).isEqualTo(new MetricKey.WindowedKey("1d", key));
    }

    @Test
    void aCohortKeyWithTheWrongNumberOfPartsIsRejected() {
        assertThatThrownBy(() -> CohortKey.parse("p1|h1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 parts");
    }
}
