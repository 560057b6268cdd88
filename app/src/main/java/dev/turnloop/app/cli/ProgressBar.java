package dev.turnloop.app.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most five times a second. */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    public ProgressBar(PrintStream out, String unit, long total) {
        this.out = out;
        this.unit = unit;
        this.total = total;
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastDrawNanos < 200_000_000L && done < total) {
            return;
        }
        lastDrawNanos = now;
        double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        out.printf("\r[%s%s] %,d/%,d %s  %,.0f/s ", "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, unit,
                done / seconds);
        out.flush();
    }

    public void finish() {
        out.println();
    }
}
