package dev.turnloop.metrics.cohort;

import dev.turnloop.metrics.verdict.Verdict;
import dev.turnloop.metrics.window.BinaryCodec;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.serde.SingleObjectSerde;

/**
 * A change being judged: the change, the last verdict published, how many counted conversations arrived since, and
 * whether the verdict is final (KEEP or REVERT), after which the change is no longer looked at.
 */
record TrackedChange(ChangeEvent change, Verdict lastVerdict, long sinceLastVerdict, boolean decided) {

    private static final int LAYOUT = 1;
    private static final SingleObjectSerde<ChangeEvent> CHANGES = new SingleObjectSerde<>(ChangeEvent.class);

    static TrackedChange started(ChangeEvent change) {
        return new TrackedChange(change, null, 0, false);
    }

    TrackedChange counted() {
        return new TrackedChange(change, lastVerdict, sinceLastVerdict + 1, decided);
    }

    TrackedChange published(Verdict verdict) {
        return new TrackedChange(change, verdict, 0, verdict != Verdict.NEED_MORE_DATA);
    }

    byte[] encode() {
        byte[] changeBytes = CHANGES.encode(change);
        return BinaryCodec.encode(LAYOUT, out -> {
            out.writeInt(changeBytes.length);
            out.write(changeBytes);
            out.writeUTF(lastVerdict == null ? "" : lastVerdict.name());
            out.writeLong(sinceLastVerdict);
            out.writeBoolean(decided);
        });
    }

    static TrackedChange decode(byte[] bytes) {
        return BinaryCodec.decode(bytes, LAYOUT, "tracked change", in -> {
            byte[] changeBytes = new byte[in.readInt()];
            in.readFully(changeBytes);
            String verdict = in.readUTF();
            return new TrackedChange(CHANGES.decode(changeBytes), verdict.isEmpty() ? null : Verdict.valueOf(verdict),
                    in.readLong(), in.readBoolean());
        });
    }
}
