package dev.turnloop.intent.topology;

import java.nio.ByteBuffer;

/** What a task remembers of an open conversation's request: its micro-cluster and its embedding. */
record RequestMemory(long microClusterId, float[] vector) {

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 4 + 4 * vector.length);
        buffer.putLong(microClusterId).putInt(vector.length);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    static RequestMemory decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long micro = buffer.getLong();
        float[] vector = new float[buffer.getInt()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return new RequestMemory(micro, vector);
    }
}
