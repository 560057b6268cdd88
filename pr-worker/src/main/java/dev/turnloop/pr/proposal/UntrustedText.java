package dev.turnloop.pr.proposal;

import java.text.Normalizer;

/**
 * Turns text that came from users (or was derived from their words) into inert, single-line, length-capped text
 * for markdown files and PR bodies. It folds look-alike characters (NFKC) first so full-width {@code ＜} or
 * {@code ｀} cannot slip through, drops invisible and bidi-control characters, and replaces the characters that
 * can open or close markup: backticks (code fences), {@code <} and {@code >} (HTML, comment terminators).
 */
public final class UntrustedText {
    private static final char ELLIPSIS = '\u2026';

    private UntrustedText() {
    }

    /** Neutralised single-line text of at most {@code maxCodePoints} code points (an ellipsis marks a cut). */
    public static String neutralise(String raw, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be positive");
        }
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(Math.min(folded.length(), maxCodePoints * 2));
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (isInvisible(cp)) {
                continue; // zero-width and bidi controls hide or reorder text a reviewer reads
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(replacementFor(cp));
        }
        return cap(out.toString(), maxCodePoints);
    }

    /**
     * An identifier-like token (conversation ids, signal names): keeps letters, digits and {@code ._:/|@=-}, replaces
     * anything else with {@code _}, caps the length. Such tokens can sit anywhere in markdown without effect.
     */
    public static String token(String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(maxLength).forEach(cp -> out.append(isTokenChar(cp) ? (char) cp : '_'));
        return out.toString();
    }

    private static boolean isTokenChar(int cp) {
        return cp < 128 && (Character.isLetterOrDigit(cp) || "._:/|@=-".indexOf(cp) >= 0);
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static int replacementFor(int cp) {
        switch (cp) {
            case '`':
                return '\u02CB'; // modifier letter grave accent: looks like a backtick, cannot open or close a code span
            case '<':
                return '\u2039';
            case '>':
                return '\u203A';
            default:
                return cp;
        }
    }

    private static String cap(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxCodePoints - 1);
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
