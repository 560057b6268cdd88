package dev.turnloop.intent.cluster;

import static dev.turnloop.intent.cluster.SyntheticVectors.DIMENSION;
import static dev.turnloop.intent.cluster.SyntheticVectors.axis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {

    private final SyntheticVectors vectors = new SyntheticVectors(7);

    private List<MicroCluster> someMicroClusters() {
        MicroClusterer task = new MicroClusterer(2, DIMENSION, IntentClusteringConfig.defaults());
        long time = 1_700_000_000_000L;
        for (float[] v : vectors.around(axis(0), 20)) {
            task.add("conversation-é-" + time, v, time++);
        }
        for (float[] v : vectors.around(axis(1), 5)) {
            task.add("c" + time, v, time++);
        }
        return task.snapshot();
    }

    @Test
    void aMicroClusterSurvivesEncodingAndDecoding() {
        // Given a micro-cluster with exemplars, non-ASCII included
        MicroCluster original = someMicroClusters().get(0);

        // When encoded and decoded
        byte[] bytes = MicroClusterCodec.encode(original);
        MicroCluster decoded = MicroClusterCodec.decode(bytes);

        // Then it is equal field by field, in about 4 bytes per component
        assertThat(decoded).isEqualTo(original);
        assertThat(bytes.length).isLessThan(DIMENSION * 4 + 150);
    }

    @Test
    void aWholeTaskStateSurvivesEncodingAndDecoding() {
        // Given all micro-clusters of a task
        List<MicroCluster> original = someMicroClusters();

        // When encoded as one value and decoded, then the list is equal
        assertThat(MicroClusterCodec.decodeAll(MicroClusterCodec.encodeAll(original))).isEqualTo(original);
    }

    @Test
    void anIntentModelSurvivesEncodingAndDecoding() {
        // Given a model built from two groups
        IntentModel original = new IntentModelBuilder("all-MiniLM-L6-v2-q", DIMENSION, IntentClusteringConfig.defaults())
                .build(someMicroClusters(), IntentModel.empty("all-MiniLM-L6-v2-q", DIMENSION), 123).model();

        // When encoded and decoded
        IntentModel decoded = IntentModelCodec.decode(IntentModelCodec.encode(original));

        // Then it is equal, owners included, and assigns as the original does
        assertThat(original.intents()).hasSize(2);
        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.owners()).isEqualTo(original.owners());
        assertThat(decoded.assign(axis(1))).isEqualTo(original.assign(axis(1)));
    }

    @Test
    void truncatedOrForeignBytesAreRejected() {
        // Given a valid encoding
        byte[] bytes = MicroClusterCodec.encode(someMicroClusters().get(0));

        // When it is cut short, has trailing bytes or another format byte, then decoding fails loudly
        assertThatThrownBy(() -> MicroClusterCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MicroClusterCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left");
        byte[] foreign = bytes.clone();
        foreign[0] = 9;
        assertThatThrownBy(() -> MicroClusterCodec.decode(foreign))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> IntentModelCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
