package dev.turnloop.intent.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.intent.cluster.MicroCluster;
import dev.turnloop.intent.cluster.MicroClusterCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One task's micro-clusters with their details, as published on the single-partition micro-cluster topic (key: the
 * task) for the merge step. The vector summaries travel in the cluster codec's binary form.
 */
record TaskSnapshot(byte[] clusters, Map<Long, MicroClusterDetails> details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TaskSnapshot of(List<MicroCluster> clusters, Map<Long, MicroClusterDetails> details) {
        return new TaskSnapshot(MicroClusterCodec.encodeAll(clusters), details);
    }

    List<MicroCluster> microClusters() {
        return MicroClusterCodec.decodeAll(clusters);
    }

    byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TaskSnapshot decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, TaskSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt task snapshot", e);
        }
    }
}
