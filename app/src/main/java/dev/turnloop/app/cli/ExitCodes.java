package dev.turnloop.app.cli;

/** Exit codes, by the usual convention: 0 done, 1 failed at run time, 2 wrong usage (picocli's default). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
