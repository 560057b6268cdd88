package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.BinaryCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The earlier final windows a baseline rule compares with, for one intent (and segment): conversations and rate
 * events per window, newest last, never overlapping (of a hopping view only every size-th window is kept), at most
 * the rule's {@code baseline_windows}.
 */
record BaselineHistory(List<WindowCount> windows) {

    private static final int LAYOUT = 1;
    static final BaselineHistory EMPTY = new BaselineHistory(List.of());

    /** One window's volume and rate events. */
    record WindowCount(long start, long end, long conversations, long events) {
    }

    BaselineHistory {
        windows = List.copyOf(windows);
    }

    /** With {@code window} appended if it starts after the newest one ends, keeping the newest {@code keep}. */
    BaselineHistory append(WindowCount window, int keep) {
        if (!windows.isEmpty() && window.start() < windows.get(windows.size() - 1).end()) {
            return this;
        }
        List<WindowCount> updated = new ArrayList<>(windows);
        updated.add(window);
        return new BaselineHistory(updated.subList(Math.max(0, updated.size() - keep), updated.size()));
    }

    long conversations() {
        return windows.stream().mapToLong(WindowCount::conversations).sum();
    }

    long events() {
        return windows.stream().mapToLong(WindowCount::events).sum();
    }

    double rate() {
        long n = conversations();
        return n == 0 ? 0.0 : (double) events() / n;
    }

    byte[] encode() {
        return BinaryCodec.encode(LAYOUT, out -> {
            out.writeShort(windows.size());
            for (WindowCount w : windows) {
                out.writeLong(w.start());
                out.writeLong(w.end());
                out.writeLong(w.conversations());
                out.writeLong(w.events());
            }
        });
    }

    static BaselineHistory decode(byte[] bytes) {
        return BinaryCodec.decode(bytes, LAYOUT, "baseline history", in -> {
            int count = in.readShort();
            List<WindowCount> windows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                windows.add(new WindowCount(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
            }
            return new BaselineHistory(windows);
        });
    }
}
