package dev.turnloop.app.demo.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statements a system prompt makes: its paragraphs and list items, outside fenced blocks. Fenced blocks are left
 * out because they hold examples and quoted user messages (the PR worker quotes evidence that way), and quoted data
 * must never count as an instruction the agent follows.
 */
final class PromptStatements {

    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,}).*");
    private static final Pattern STARTS_STATEMENT = Pattern.compile("^\\s*(#{1,6}\\s|[-*+]\\s|\\d{1,3}[.)]\\s).*");

    private final List<String> statements;

    private PromptStatements(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    static PromptStatements of(String markdown) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String openFence = null;
        for (String line : markdown.split("\r?\n")) {
            var fence = FENCE.matcher(line);
            if (openFence != null) {
                // a fence closes with a run of the same character at least as long as the one that opened it
                if (fence.matches() && fence.group(1).charAt(0) == openFence.charAt(0)
                        && fence.group(1).length() >= openFence.length() && line.strip().equals(fence.group(1))) {
                    openFence = null;
                }
                continue;
            }
            if (fence.matches()) {
                flush(current, statements);
                openFence = fence.group(1);
            } else if (line.isBlank() || STARTS_STATEMENT.matcher(line).matches()) {
                flush(current, statements);
                current.append(line.strip());
            } else {
                current.append(current.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        flush(current, statements);
        return new PromptStatements(statements);
    }

    /** True when one statement matches every pattern: the prompt says these things together. */
    boolean anySays(Pattern... patterns) {
        return statements.stream().anyMatch(s -> {
            for (Pattern pattern : patterns) {
                if (!pattern.matcher(s).find()) {
                    return false;
                }
            }
            return true;
        });
    }

    List<String> statements() {
        return statements;
    }

    private static void flush(StringBuilder current, List<String> statements) {
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        current.setLength(0);
    }
}
