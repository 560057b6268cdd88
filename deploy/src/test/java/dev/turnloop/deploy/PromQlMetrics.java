package dev.turnloop.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. What is not a metric is removed first: string literals (label values,
 * label_replace arguments), label matchers in braces, range and subquery brackets, grouping clauses such as
 * {@code by (app)}, function calls, keywords and numbers.
 */
final class PromQlMetrics {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQlMetrics() {
    }

    static Set<String> in(String expression) {
        String stripped = STRINGS.matcher(expression).replaceAll(" ");
        stripped = BRACES.matcher(stripped).replaceAll(" ");
        stripped = BRACKETS.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(stripped);
        while (identifiers.find()) {
            String name = identifiers.group();
            boolean isCall = stripped.substring(identifiers.end()).stripLeading().startsWith("(");
            if (!isCall && !KEYWORDS.contains(name.toLowerCase()) && !isNumberPart(stripped, identifiers.start())) {
                metrics.add(name);
            }
        }
        return metrics;
    }

    /** An identifier glued to a digit or dot before it is part of a number such as 1e3. */
    private static boolean isNumberPart(String text, int start) {
        return start > 0 && (Character.isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '.');
    }
}
