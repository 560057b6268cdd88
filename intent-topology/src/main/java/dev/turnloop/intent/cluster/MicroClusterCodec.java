package dev.turnloop.intent.cluster;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Binary form of micro-clusters for a state store and for the topic the global merge reads: a format byte, the fixed
 * fields, the mean as float32 and the exemplar ids as UTF-8 (about 1.6 KB for 384 dimensions).
 */
public final class MicroClusterCodec {

    /** Four longs, an empty mean and no exemplars. */
    private static final int MINIMUM_CLUSTER_BYTES = 4 * 8 + 2 + 2;

    private MicroClusterCodec() {
    }

    public static byte[] encode(MicroCluster cluster) {
        return BinaryFormat.write(out -> writeCluster(out, cluster));
    }

    /**
     * @throws IllegalArgumentException if the bytes are not an encoded micro-cluster of this format
     */
    public static MicroCluster decode(byte[] bytes) {
        return BinaryFormat.read(bytes, MicroClusterCodec::readCluster);
    }

    /** Several micro-clusters in one value, e.g. a whole task's state. */
    public static byte[] encodeAll(Collection<MicroCluster> clusters) {
        return BinaryFormat.write(out -> {
            out.writeInt(clusters.size());
            for (MicroCluster cluster : clusters) {
                writeCluster(out, cluster);
            }
        });
    }

    /**
     * @throws IllegalArgumentException if the bytes were not written by {@link #encodeAll}
     */
    public static List<MicroCluster> decodeAll(byte[] bytes) {
        return BinaryFormat.read(bytes, in -> {
            int size = BinaryFormat.readCount(in.readInt(), MINIMUM_CLUSTER_BYTES, in);
            List<MicroCluster> clusters = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                clusters.add(readCluster(in));
            }
            return clusters;
        });
    }

    private static void writeCluster(DataOutputStream out, MicroCluster cluster) throws IOException {
        out.writeLong(cluster.id());
        out.writeLong(cluster.count());
        out.writeLong(cluster.firstSeenMs());
        out.writeLong(cluster.lastSeenMs());
        BinaryFormat.writeFloats(out, cluster.mean());
        out.writeShort(cluster.exemplarIds().size());
        for (String exemplar : cluster.exemplarIds()) {
            out.writeUTF(exemplar);
        }
    }

    private static MicroCluster readCluster(DataInputStream in) throws IOException {
        long id = in.readLong();
        long count = in.readLong();
        long firstSeen = in.readLong();
        long lastSeen = in.readLong();
        float[] mean = BinaryFormat.readFloats(in);
        int exemplarCount = BinaryFormat.readCount(in.readUnsignedShort(), 2, in);
        List<String> exemplars = new ArrayList<>(exemplarCount);
        for (int i = 0; i < exemplarCount; i++) {
            exemplars.add(in.readUTF());
        }
        return new MicroCluster(id, count, mean, firstSeen, lastSeen, exemplars);
    }
}
