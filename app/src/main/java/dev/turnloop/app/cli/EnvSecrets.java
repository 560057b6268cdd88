package dev.turnloop.app.cli;

import java.util.Optional;

/** Secrets named by an environment variable on the command line, so they never appear in a process listing. */
final class EnvSecrets {

    private EnvSecrets() {
    }

    /** The value of {@code variable}, empty when no variable was named; an empty variable is a usage error. */
    static Optional<String> optional(String variable, String option) {
        if (variable == null) {
            return Optional.empty();
        }
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " " + variable + ": that environment variable is empty; "
                    + "set it or drop the option");
        }
        return Optional.of(value.trim());
    }
}
