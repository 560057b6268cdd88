package dev.turnloop.intent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.cluster.IntentClusteringConfig;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end intent discovery on BANKING77 train (10,003 requests, 77 intents) through the real embedder, against the
 * floors of offline k-means on MiniLM given the true number of intents.
 */
class IntentEvaluationIT {

    private static final Logger LOG = LoggerFactory.getLogger(IntentEvaluationIT.class);

    @Test
    @Timeout(300)
    void discoversBanking77IntentsAsWellAsOfflineKMeansGivenTheTrueK() throws Exception {
        // Given BANKING77 train in file order
        String dataDir = System.getProperty("turnloop.data.dir");
        assumeTrue(dataDir != null, "system property turnloop.data.dir names the shared data folder");
        Path file = Path.of(dataDir, "banking77", "train.csv");
        assertThat(file).as("BANKING77 train under turnloop.data.dir").exists();
        List<LabelledText> items = LabelledTextReader.read(file, "text", "category");

        // When redacted, embedded and streamed through micro-clusters and a model rebuilt every 1000 items, as the
        // topology does
        EvaluationReport report;
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            report = new IntentEvaluation(embedder, IntentClusteringConfig.defaults(), IntentStreams.redaction(),
                    IntentEvaluation.DEFAULT_REBUILD_EVERY, 1).run(items);
        }
        LOG.info("BANKING77: {} clusters, NMI {}, ARI {}, ACC {}, {} items/s ({} embedding only, overhead {})",
                report.clustersFound(), report.scores().nmi(), report.scores().ari(), report.scores().accuracy(),
                Math.round(report.itemsPerSecond()), Math.round(report.embeddingItemsPerSecond()),
                report.clusteringOverhead());

        // Then the number of intents is found within half to twice the truth, and the labels reach the floors
        assertThat(report.items()).isEqualTo(10_003);
        assertThat(report.trueIntents()).isEqualTo(77);
        assertThat(report.clustersFound()).as("intents found").isBetween(38, 154);
        assertThat(report.scores().nmi()).as("NMI").isGreaterThanOrEqualTo(0.79);
        assertThat(report.scores().ari()).as("ARI").isGreaterThanOrEqualTo(0.49);
        assertThat(report.scores().accuracy()).as("Hungarian accuracy").isGreaterThanOrEqualTo(0.61);
        // the target is under 25% on an idle machine; this guard only catches a clustering cost of a different order
        assertThat(report.clusteringOverhead()).as("clustering time relative to embedding time").isLessThan(0.5);
        assertThat(report.largestIntents()).as("named intents").isNotEmpty()
                .allSatisfy(name -> assertThat(name.label()).isNotBlank());
    }
}
