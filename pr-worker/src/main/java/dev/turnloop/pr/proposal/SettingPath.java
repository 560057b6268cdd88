package dev.turnloop.pr.proposal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a setting lives in a YAML or JSON document: mapping keys and, for lists, zero-based indexes, e.g.
 * {@code tools.search.timeout_ms} or {@code parameters.temperature.value}. Use {@link #of} when a key itself
 * contains a dot.
 */
public final class SettingPath {
    private final List<String> segments;

    private SettingPath(List<String> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a setting path needs at least one segment");
        }
        for (String s : segments) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("setting path " + segments + " has an empty segment");
            }
        }
        this.segments = List.copyOf(segments);
    }

    /** Parses a dotted path such as {@code retries.max_attempts}. */
    public static SettingPath parse(String dotted) {
        Objects.requireNonNull(dotted, "dotted");
        return new SettingPath(Arrays.asList(dotted.split("\\.", -1)));
    }

    /** A path from explicit segments, for keys that contain dots. */
    public static SettingPath of(String... segments) {
        return new SettingPath(Arrays.asList(segments));
    }

    public List<String> segments() {
        return segments;
    }

    /** The path as an RFC 6901 JSON pointer, e.g. {@code /tools/search/timeout_ms}. */
    String toJsonPointer() {
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            out.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    static boolean isIndex(String segment) {
        return segment.length() <= 9 && segment.chars().allMatch(Character::isDigit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingPath && ((SettingPath) o).segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
