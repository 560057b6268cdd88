package dev.turnloop.ingest.state;

import dev.turnloop.schemas.Outcome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;

/**
 * A compact, versioned binary encoding of {@link ConversationState}. The lifecycle header (version, closed flag,
 * last event time, closed-at) sits at fixed offsets so that the inactivity scan can decide what to do with a
 * conversation without decoding the rest.
 */
public final class ConversationStateCodec {

    private static final byte VERSION = 1;
    private static final int MAX_UTF_LENGTH = 65_535;
    private static final int CLOSED_FLAG = 1;
    private static final int HAS_USER_ID = 2;
    private static final int HUMAN_REQUESTED = 4;
    private static final int LAST_AGENT_DEAD_END = 8;
    private static final int LAST_AGENT_OFFERED_MORE = 16;
    private static final int LAST_AGENT_ASKED_CONFIRMATION = 32;
    private static final int USER_CONFIRMED_ACTION = 64;

    private ConversationStateCodec() {
    }

    /** The lifecycle fields, read from the fixed-size header. */
    public record Header(boolean closed, long lastEventTime, long closedAt, boolean hasPending) {
    }

    public static Header header(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown conversation state version " + version);
        }
        byte flags = buffer.get();
        long lastEventTime = buffer.getLong();
        long closedAt = buffer.getLong();
        boolean hasPending = buffer.get() != 0;
        return new Header((flags & CLOSED_FLAG) != 0, lastEventTime, closedAt, hasPending);
    }

    public static byte[] encode(ConversationState s) {
        StateOutput out = new StateOutput();
        try {
            out.writeByte(VERSION);
            int flags = (s.closed ? CLOSED_FLAG : 0) | (s.userId != null ? HAS_USER_ID : 0)
                    | (s.humanRequested ? HUMAN_REQUESTED : 0) | (s.lastAgentTurnWasDeadEnd ? LAST_AGENT_DEAD_END : 0)
                    | (s.lastAgentOfferedMoreHelp ? LAST_AGENT_OFFERED_MORE : 0)
                    | (s.lastAgentAskedConfirmation ? LAST_AGENT_ASKED_CONFIRMATION : 0)
                    | (s.userConfirmedAction ? USER_CONFIRMED_ACTION : 0);
            out.writeByte(flags);
            out.writeLong(s.lastEventTime);
            out.writeLong(s.closedAt);
            out.writeByte(s.pending.isEmpty() ? 0 : 1);

            out.writeString(s.conversationId);
            out.writeString(s.tenant);
            out.writeString(s.project);
            if (s.userId != null) {
                out.writeString(s.userId);
            }
            out.writeString(s.agentName);
            out.writeString(s.agentVersion);
            out.writeString(s.promptVersion);
            out.writeString(s.harnessVersion);
            out.writeString(s.configVersion);
            int attributes = Math.min(s.userAttributes.size(), ConversationState.MAX_USER_ATTRIBUTES);
            out.writeShort(attributes);
            for (Map.Entry<String, String> e : s.userAttributes.entrySet()) {
                if (attributes-- == 0) {
                    break;
                }
                out.writeString(e.getKey());
                out.writeString(e.getValue());
            }
            out.writeLong(s.startedAt);

            out.writeInt(s.nextIndex);
            out.writeShort(s.skippedIndices.length);
            for (int i : s.skippedIndices) {
                out.writeInt(i);
            }
            int ids = Math.min(s.recentEventIdCount, ConversationState.RECENT_EVENT_IDS);
            out.writeInt(s.recentEventIdCount);
            for (int i = 0; i < ids; i++) {
                out.writeLong(s.recentEventIds[i]);
            }
            out.writeShort(s.pending.size());
            for (PendingTurn p : s.pending) {
                out.writeInt(p.turnIndex());
                out.writeLong(p.heldSince());
                out.writeString(p.source());
                out.writeInt(p.encodedTurn().length);
                out.write(p.encodedTurn());
            }

            out.writeInt(s.turns);
            out.writeInt(s.userTurns);
            out.writeInt(s.repairTurns);
            out.writeInt(s.negativeTurns);
            out.writeInt(s.escalationTurns);
            out.writeInt(s.deadEndTurns);
            out.writeInt(s.toolErrors);
            out.writeInt(s.lateTurns);
            out.writeDouble(s.sentimentSum);
            out.writeFloat(s.minSentiment);
            out.writeInt(s.resolvedAtDepth);
            out.writeString(s.resolutionReason);
            out.writeInt(s.escalatedAtDepth);
            out.writeString(s.escalationReason);
            out.writeString(s.firstUserText);
            out.writeByte(s.signalTrail.size());
            for (String entry : s.signalTrail) {
                out.writeString(entry);
            }
            out.writeByte(s.userFingerprints.size());
            for (byte[] fingerprint : s.userFingerprints) {
                out.writeShort(fingerprint.length);
                out.write(fingerprint);
            }
            out.writeByte(s.outcome.ordinal());
            out.writeString(s.outcomeReason);
            out.writeInt(s.summaryRevision);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * What {@link DataOutputStream} writes (big-endian numbers, strings as {@code writeUTF} does), straight into a
     * heap buffer: DataOutputStream writes an int as four single-byte calls and a string char by char, twice over,
     * which made encoding the largest cost of a turn after signal detection.
     */
    private static final class StateOutput {
        private ByteBuffer buffer = ByteBuffer.allocate(2048);

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                buffer = larger.put(buffer);
            }
            return buffer;
        }

        void writeByte(int value) {
            room(1).put((byte) value);
        }

        void writeShort(int value) {
            room(2).putShort((short) value);
        }

        void writeInt(int value) {
            room(4).putInt(value);
        }

        void writeLong(long value) {
            room(8).putLong(value);
        }

        void writeFloat(float value) {
            room(4).putFloat(value);
        }

        void writeDouble(double value) {
            room(8).putDouble(value);
        }

        void write(byte[] bytes) {
            room(bytes.length).put(bytes);
        }

        /**
         * As {@link DataOutputStream#writeUTF}: a 2-byte length, then modified UTF-8 (plain bytes for ASCII). Never
         * fails: states are encoded when Streams commits, where a failure would stop the task rather than dead-letter
         * one turn, so a null is written as "" and a string too long for the format is cut to one that fits.
         */
        void writeString(String value) throws IOException {
            String s = fitting(value);
            if (isAsciiWithoutNul(s)) {
                writeShort(s.length());
                write(s.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            UnsynchronizedByteArrayOutputStream utf = UnsynchronizedByteArrayOutputStream.builder().get();
            new DataOutputStream(utf).writeUTF(s);
            write(utf.toByteArray());
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** The string, or its longest prefix (by whole characters) whose modified UTF-8 fits the 2-byte length. */
    static String fitting(String s) {
        if (s == null) {
            return "";
        }
        if (s.length() <= MAX_UTF_LENGTH / 3) {
            return s; // at most three bytes a char
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes > MAX_UTF_LENGTH) {
                int end = i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) ? i - 1 : i;
                return s.substring(0, end);
            }
        }
        return s;
    }

    /** Modified UTF-8 writes NUL as two bytes and anything from U+0080 as two or three. */
    private static boolean isAsciiWithoutNul(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static ConversationState decode(byte[] bytes) {
        ConversationState s = new ConversationState();
        try (DataInputStream in = new DataInputStream(UnsynchronizedByteArrayInputStream.builder()
                .setByteArray(bytes).get())) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown conversation state version " + version);
            }
            int flags = in.readUnsignedByte();
            s.closed = (flags & CLOSED_FLAG) != 0;
            s.humanRequested = (flags & HUMAN_REQUESTED) != 0;
            s.lastAgentTurnWasDeadEnd = (flags & LAST_AGENT_DEAD_END) != 0;
            s.lastAgentOfferedMoreHelp = (flags & LAST_AGENT_OFFERED_MORE) != 0;
            s.lastAgentAskedConfirmation = (flags & LAST_AGENT_ASKED_CONFIRMATION) != 0;
            s.userConfirmedAction = (flags & USER_CONFIRMED_ACTION) != 0;
            s.lastEventTime = in.readLong();
            s.closedAt = in.readLong();
            in.readByte(); // has-pending, derivable from the list below

            s.conversationId = in.readUTF();
            s.tenant = in.readUTF();
            s.project = in.readUTF();
            s.userId = (flags & HAS_USER_ID) != 0 ? in.readUTF() : null;
            s.agentName = in.readUTF();
            s.agentVersion = in.readUTF();
            s.promptVersion = in.readUTF();
            s.harnessVersion = in.readUTF();
            s.configVersion = in.readUTF();
            int attributes = in.readShort();
            Map<String, String> userAttributes = new LinkedHashMap<>();
            for (int i = 0; i < attributes; i++) {
                userAttributes.put(in.readUTF(), in.readUTF());
            }
            s.userAttributes = userAttributes;
            s.startedAt = in.readLong();

            s.nextIndex = in.readInt();
            int skipped = in.readShort();
            s.skippedIndices = new int[skipped];
            for (int i = 0; i < skipped; i++) {
                s.skippedIndices[i] = in.readInt();
            }
            s.recentEventIdCount = in.readInt();
            int ids = Math.min(s.recentEventIdCount, ConversationState.RECENT_EVENT_IDS);
            for (int i = 0; i < ids; i++) {
                s.recentEventIds[i] = in.readLong();
            }
            int pending = in.readShort();
            List<PendingTurn> pendingTurns = new ArrayList<>(pending);
            for (int i = 0; i < pending; i++) {
                int index = in.readInt();
                long heldSince = in.readLong();
                String source = in.readUTF();
                byte[] turn = new byte[in.readInt()];
                in.readFully(turn);
                pendingTurns.add(new PendingTurn(index, heldSince, source, turn));
            }
            s.pending = pendingTurns;

            s.turns = in.readInt();
            s.userTurns = in.readInt();
            s.repairTurns = in.readInt();
            s.negativeTurns = in.readInt();
            s.escalationTurns = in.readInt();
            s.deadEndTurns = in.readInt();
            s.toolErrors = in.readInt();
            s.lateTurns = in.readInt();
            s.sentimentSum = in.readDouble();
            s.minSentiment = in.readFloat();
            s.resolvedAtDepth = in.readInt();
            s.resolutionReason = in.readUTF();
            s.escalatedAtDepth = in.readInt();
            s.escalationReason = in.readUTF();
            s.firstUserText = in.readUTF();
            int trail = in.readUnsignedByte();
            List<String> signalTrail = new ArrayList<>(trail);
            for (int i = 0; i < trail; i++) {
                signalTrail.add(in.readUTF());
            }
            s.signalTrail = signalTrail;
            int fingerprints = in.readUnsignedByte();
            List<byte[]> userFingerprints = new ArrayList<>(fingerprints);
            for (int i = 0; i < fingerprints; i++) {
                byte[] fingerprint = new byte[in.readUnsignedShort()];
                in.readFully(fingerprint);
                userFingerprints.add(fingerprint);
            }
            s.userFingerprints = userFingerprints;
            s.outcome = Outcome.values()[in.readUnsignedByte()];
            s.outcomeReason = in.readUTF();
            s.summaryRevision = in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt conversation state", e);
        }
        return s;
    }
}
