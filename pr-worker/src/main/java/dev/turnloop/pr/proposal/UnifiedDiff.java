package dev.turnloop.pr.proposal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A unified diff of one file's text before and after a proposal, made with JGit's diff engine, for previews. */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    /** The diff with {@code a/} and {@code b/} headers and three lines of context; empty when nothing changed. */
    public static String between(String path, String before, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            out.write(("--- a/" + path + "\n+++ b/" + path + "\n").getBytes(StandardCharsets.UTF_8));
            formatter.format(edits, a, b);
            formatter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format an in-memory diff", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
