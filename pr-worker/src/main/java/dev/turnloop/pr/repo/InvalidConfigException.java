package dev.turnloop.pr.repo;

import java.util.List;

/** The target repository config has problems; the message lists each one with how to fix it. */
public class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidConfigException(String source, List<String> problems) {
        super("Invalid turnloop target repository config (" + source + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
