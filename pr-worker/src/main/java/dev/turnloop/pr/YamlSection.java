package dev.turnloop.pr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from one mapping of a YAML settings file. Missing keys take the default; wrong types and unknown keys
 * are collected as problems (with the full key path), so one run reports everything that is wrong.
 */
final class YamlSection {
    private final String path;
    private final Map<?, ?> values;
    private final List<String> problems;

    private YamlSection(String path, Map<?, ?> values, List<String> problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    static YamlSection root(Map<?, ?> values, List<String> problems) {
        return new YamlSection("", values, problems);
    }

    /** The nested mapping at {@code key}; an empty one when absent. */
    YamlSection section(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new YamlSection(name(key) + ".", Map.of(), problems);
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add("'" + name(key) + "' must be a mapping");
            return new YamlSection(name(key) + ".", Map.of(), problems);
        }
        return new YamlSection(name(key) + ".", map, problems);
    }

    void allowOnly(Set<String> keys) {
        for (Object key : values.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                problems.add("unknown key '" + name(String.valueOf(key)) + "'; known keys here are " + new TreeSet<>(keys));
            }
        }
    }

    double number(String key, double fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        problems.add("'" + name(key) + "' must be a number, got '" + value + "'");
        return fallback;
    }

    int integer(String key, int fallback) {
        long value = whole(key, fallback);
        if (value > Integer.MAX_VALUE) {
            problems.add("'" + name(key) + "' is too large");
            return fallback;
        }
        return (int) value;
    }

    long whole(String key, long fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        problems.add("'" + name(key) + "' must be a whole number, got '" + value + "'");
        return fallback;
    }

    String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        problems.add("'" + name(key) + "' must be a string, got '" + value + "'");
        return fallback;
    }

    List<String> strings(String key, List<String> fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            problems.add("'" + name(key) + "' must be a list of strings, e.g. [a, b]");
            return fallback;
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** A mapping of names to scalars, as strings, in file order. */
    Map<String, Object> scalars(String key) {
        Object value = values.get(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add("'" + name(key) + "' must be a mapping");
            return out;
        }
        map.forEach((k, v) -> {
            if (v instanceof Map || v instanceof List || v == null) {
                problems.add("'" + name(key) + "." + k + "' must be a single value");
            } else {
                out.put(String.valueOf(k), v);
            }
        });
        return out;
    }

    void problem(String key, String message) {
        problems.add("'" + name(key) + "' " + message);
    }

    List<String> problems() {
        return new ArrayList<>(problems);
    }

    private String name(String key) {
        return path + key;
    }
}
