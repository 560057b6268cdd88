package dev.turnloop.intent.cluster;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of an {@link IntentModel}, one value on the compacted model topic: a format byte, the header, each
 * intent with its centroid as float32, then the micro-cluster owners as (id, intent index) pairs. About 1.6 KB per
 * intent and 12 bytes per micro-cluster.
 */
public final class IntentModelCodec {

    /** Two empty UTF strings, five longs or doubles and an empty centroid. */
    private static final int MINIMUM_INTENT_BYTES = 2 + 2 + 5 * 8 + 2;

    private IntentModelCodec() {
    }

    public static byte[] encode(IntentModel model) {
        Map<String, Integer> index = new HashMap<>();
        return BinaryFormat.write(out -> {
            out.writeLong(model.version());
            out.writeLong(model.builtAtMs());
            out.writeUTF(model.embedderId());
            out.writeInt(model.dimension());
            out.writeLong(model.nextIntentSequence());
            out.writeInt(model.intents().size());
            for (Intent intent : model.intents()) {
                index.put(intent.id(), index.size());
                out.writeUTF(intent.id());
                out.writeUTF(intent.themeId());
                out.writeLong(intent.count());
                out.writeDouble(intent.cohesion());
                out.writeLong(intent.firstSeenMs());
                out.writeLong(intent.lastSeenMs());
                BinaryFormat.writeFloats(out, intent.centroid());
            }
            out.writeInt(model.owners().size());
            for (Map.Entry<Long, String> owner : model.owners().entrySet()) {
                out.writeLong(owner.getKey());
                out.writeInt(index.get(owner.getValue()));
            }
        });
    }

    /**
     * @throws IllegalArgumentException if the bytes are not an encoded model of this format
     */
    public static IntentModel decode(byte[] bytes) {
        return BinaryFormat.read(bytes, IntentModelCodec::readModel);
    }

    private static IntentModel readModel(DataInputStream in) throws IOException {
        long version = in.readLong();
        long builtAt = in.readLong();
        String embedderId = in.readUTF();
        int dimension = in.readInt();
        long nextSequence = in.readLong();
        int intentCount = BinaryFormat.readCount(in.readInt(), MINIMUM_INTENT_BYTES, in);
        List<Intent> intents = new ArrayList<>(intentCount);
        for (int i = 0; i < intentCount; i++) {
            String id = in.readUTF();
            String themeId = in.readUTF();
            long count = in.readLong();
            double cohesion = in.readDouble();
            long firstSeen = in.readLong();
            long lastSeen = in.readLong();
            intents.add(new Intent(id, themeId, count, BinaryFormat.readFloats(in), cohesion, firstSeen, lastSeen));
        }
        int ownerCount = BinaryFormat.readCount(in.readInt(), Long.BYTES + Integer.BYTES, in);
        Map<Long, String> owners = new HashMap<>(ownerCount * 2);
        for (int i = 0; i < ownerCount; i++) {
            long microId = in.readLong();
            int intentIndex = in.readInt();
            if (intentIndex < 0 || intentIndex >= intentCount) {
                throw new IllegalArgumentException("owner index " + intentIndex + " out of " + intentCount + " intents");
            }
            owners.put(microId, intents.get(intentIndex).id());
        }
        return new IntentModel(version, builtAt, embedderId, dimension, nextSequence, intents, owners);
    }
}
