package dev.turnloop.metrics.window;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins and splits the {@code |}-separated composite keys of the metrics topics and stores. Each part is escaped
 * ({@code %} as {@code %25}, {@code |} as {@code %7C}) so a version or intent id that contains a bar can never shift
 * the fields of a key, and a key prefix such as {@code change-id|} matches exactly one leading part.
 */
public final class KeyParts {

    public static final char SEPARATOR = '|';

    private KeyParts() {
    }

    public static String join(String... parts) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                key.append(SEPARATOR);
            }
            key.append(escape(parts[i]));
        }
        return key.toString();
    }

    /** The key of {@code parts} followed by a separator: the prefix of every longer key that starts with them. */
    public static String prefix(String... parts) {
        return join(parts) + SEPARATOR;
    }

    public static List<String> split(String key) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == SEPARATOR) {
                parts.add(unescape(key.substring(start, i)));
                start = i + 1;
            }
        }
        return parts;
    }

    /** The first part of a key, unescaped. */
    public static String first(String key) {
        int bar = key.indexOf(SEPARATOR);
        return unescape(bar < 0 ? key : key.substring(0, bar));
    }

    static String escape(String part) {
        if (part.indexOf('%') < 0 && part.indexOf(SEPARATOR) < 0) {
            return part;
        }
        return part.replace("%", "%25").replace("|", "%7C");
    }

    static String unescape(String part) {
        if (part.indexOf('%') < 0) {
            return part;
        }
        return part.replace("%7C", "|").replace("%25", "%");
    }
}
