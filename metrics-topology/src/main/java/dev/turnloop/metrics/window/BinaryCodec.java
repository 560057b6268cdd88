package dev.turnloop.metrics.window;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Encodes the small state values of this module with {@link java.io.DataOutput}: a version byte, then the fields.
 * A value written by another layout fails loudly instead of being misread.
 */
public final class BinaryCodec {

    /** Writes a value's fields. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a value's fields. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private BinaryCodec() {
    }

    public static byte[] encode(int version, Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(version);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot encode state: " + e.getMessage(), e);
        }
    }

    public static <T> T decode(byte[] bytes, int version, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int found = in.readUnsignedByte();
            if (found != version) {
                throw new SerializationException(what + " state has layout version " + found + ", expected " + version);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("cannot decode " + what + " state: " + e.getMessage(), e);
        }
    }
}
