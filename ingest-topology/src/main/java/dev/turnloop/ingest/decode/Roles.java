package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.Role;
import java.util.Locale;
import java.util.Optional;

/** Reads the role names producers write: the schema's own symbols, and the free-form roles of OpenTelemetry GenAI. */
final class Roles {

    private Roles() {
    }

    /**
     * The {@link Role} a producer meant, matching case-insensitively and treating '-' and ' ' as '_', so
     * "human_agent", "Human-Agent" and "HUMAN AGENT" all name {@link Role#HUMAN_AGENT}.
     */
    static Optional<Role> parse(String name) {
        return EnumNames.parse(Role.class, name);
    }

    /**
     * The role of a GenAI message. The semantic conventions allow any string; the provider-specific names seen in
     * practice are folded in ("model" is Gemini's assistant, "developer" OpenAI's system, "function" the old tool
     * role) and anything else is {@link Role#UNKNOWN} rather than an error, since the span itself is still valid.
     */
    static Role fromGenAi(String name) {
        if (name == null) {
            return Role.UNKNOWN;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "model" -> Role.ASSISTANT;
            case "developer" -> Role.SYSTEM;
            case "function" -> Role.TOOL;
            default -> parse(name).orElse(Role.UNKNOWN);
        };
    }
}
