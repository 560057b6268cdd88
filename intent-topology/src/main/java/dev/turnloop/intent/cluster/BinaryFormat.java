package dev.turnloop.intent.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The framing shared by the codecs of this package: a leading format byte, big-endian fields, no trailing bytes. */
final class BinaryFormat {

    private static final byte FORMAT = 1;

    private BinaryFormat() {
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeShort(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[readCount(in.readUnsignedShort(), Float.BYTES, in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    /**
     * Checks a decoded element count against the bytes left, so that corrupt input fails instead of allocating an
     * absurd array.
     */
    static int readCount(int count, int minimumBytesEach, DataInputStream in) throws IOException {
        if (count < 0 || (long) count * minimumBytesEach > in.available()) {
            throw new IOException("count " + count + " exceeds the " + in.available() + " bytes left");
        }
        return count;
    }

    static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown encoding format " + format + ", expected " + FORMAT);
            }
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes left after decoding");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt encoding", e);
        }
    }

    @FunctionalInterface
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }
}
