package dev.turnloop.ingest.signals;

import java.util.BitSet;
import java.util.Optional;

/**
 * The characters a match of a cue's regex can start with, read from the regex text, so that positions starting with
 * any other character are never tried. Conservative: look-arounds and anchors are skipped over (they only narrow
 * matches), and a match that can start with a character class, {@code .} or an escape other than {@code \b} and a
 * quoted character can start anywhere, which means "try every position".
 */
final class FirstCharacters {

    private final String regex;
    private int pos;

    private FirstCharacters(String regex) {
        this.regex = regex;
    }

    /** The possible first characters, or empty when they cannot be told (or an empty match is possible). */
    static Optional<BitSet> of(String regex) {
        try {
            FirstCharacters reader = new FirstCharacters(regex);
            Result result = reader.alternatives();
            boolean whole = reader.pos == regex.length();
            return !whole || result.nullable() || result.any() ? Optional.empty() : Optional.of(result.chars());
        } catch (GiveUp e) {
            return Optional.empty();
        }
    }

    /**
     * First characters of what follows, whether it can match without consuming any, and whether its first character
     * can be anything.
     */
    private record Result(BitSet chars, boolean nullable, boolean any) {

        static final Result EMPTY = new Result(new BitSet(), true, false);
        static final Result ANY = new Result(new BitSet(), false, true);
    }

    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    /** {@code a|b|...} up to a closing parenthesis or the end. */
    private Result alternatives() {
        BitSet chars = new BitSet();
        boolean nullable = false;
        boolean any = false;
        while (true) {
            Result sequence = sequence();
            chars.or(sequence.chars());
            nullable |= sequence.nullable();
            any |= sequence.any();
            if (pos < regex.length() && regex.charAt(pos) == '|') {
                pos++;
            } else {
                return new Result(chars, nullable, any);
            }
        }
    }

    /** One alternative: its first consuming element decides, unless that element is optional. */
    private Result sequence() {
        BitSet chars = new BitSet();
        boolean decided = false;
        boolean any = false;
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            Result element = element();
            boolean optional = optionalQuantifier();
            if (!decided) {
                chars.or(element.chars());
                any |= element.any();
                decided = !element.nullable() && !optional;
            }
        }
        return new Result(chars, !decided, any);
    }

    /** One atom: a character, a group, an anchor or a look-around (the last two consume nothing). */
    private Result element() {
        char c = regex.charAt(pos);
        if (c == '^' || c == '$') {
            pos++;
            return Result.EMPTY;
        }
        if (c == '\\') {
            char next = regex.charAt(pos + 1);
            pos += 2;
            if (next == 'b' || next == 'B') {
                return Result.EMPTY;
            }
            if ("\\.()[]{}|?*+^$'\"-".indexOf(next) >= 0) {
                return single(next);
            }
            if ((next == 'p' || next == 'P') && pos < regex.length() && regex.charAt(pos) == '{') {
                pos = regex.indexOf('}', pos) + 1; // \p{L}
            }
            return Result.ANY;
        }
        if (c == '[') {
            skipClass();
            return Result.ANY;
        }
        if (c == '.') {
            pos++;
            return Result.ANY;
        }
        if (c == '(') {
            pos++;
            boolean lookAround = false;
            if (regex.startsWith("?:", pos)) {
                pos += 2;
            } else if (regex.startsWith("?=", pos) || regex.startsWith("?!", pos)) {
                pos += 2;
                lookAround = true;
            } else if (regex.startsWith("?<=", pos) || regex.startsWith("?<!", pos)) {
                pos += 3;
                lookAround = true;
            } else if (regex.charAt(pos) == '?') {
                throw new GiveUp(); // flags, named groups, atomic groups
            }
            Result inside = alternatives();
            if (pos >= regex.length() || regex.charAt(pos) != ')') {
                throw new GiveUp();
            }
            pos++;
            return lookAround ? Result.EMPTY : inside;
        }
        if (c == '*' || c == '+' || c == '?' || c == '{') {
            throw new GiveUp(); // a quantifier with nothing before it: not a regex this reads
        }
        pos++;
        return single(c);
    }

    private static Result single(char c) {
        BitSet chars = new BitSet();
        chars.set(c);
        return new Result(chars, false, false);
    }

    /** Moves past a character class, nested classes and escapes included. */
    private void skipClass() {
        int depth = 0;
        while (pos < regex.length()) {
            char c = regex.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return;
            }
        }
        throw new GiveUp();
    }

    /** Skips a quantifier after an element; true when it allows zero repetitions. */
    private boolean optionalQuantifier() {
        if (pos >= regex.length()) {
            return false;
        }
        char c = regex.charAt(pos);
        boolean optional;
        if (c == '?' || c == '*') {
            optional = true;
            pos++;
        } else if (c == '+') {
            optional = false;
            pos++;
        } else if (c == '{') {
            int close = regex.indexOf('}', pos);
            if (close < 0) {
                throw new GiveUp();
            }
            optional = regex.startsWith("{0", pos);
            pos = close + 1;
        } else {
            return false;
        }
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++; // lazy or possessive
        }
        return optional;
    }
}
