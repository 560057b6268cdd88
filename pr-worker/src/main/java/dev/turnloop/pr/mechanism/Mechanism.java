package dev.turnloop.pr.mechanism;

import dev.turnloop.schemas.FixCost;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mechanisms the rules can name, each with a stable id prefix and its fix cost. Ids of the tool mechanisms carry
 * the tool, e.g. {@code harness.tool-timeout:search}; the tool must be a plain identifier (no dots), so it can fill
 * exactly one segment of a setting path and nothing more.
 */
public enum Mechanism {
    TOOL_TIMEOUT("harness.tool-timeout", FixCost.HARNESS),
    TOOL_RETRIES("harness.tool-retries", FixCost.HARNESS),
    API_KEY_SETUP("prompt.api-key-setup", FixCost.PROMPT),
    PASTED_FORMATTING("prompt.pasted-formatting", FixCost.PROMPT),
    ROUTE_BILLING("prompt.route-billing", FixCost.PROMPT),
    BILLING_CAPABILITY("capability.billing", FixCost.CAPABILITY),
    TEMPERATURE("config.temperature", FixCost.CONFIG),
    HUMAN_AFTER_REPAIR("prompt.human-after-repair", FixCost.PROMPT),
    DEAD_END("prompt.dead-end", FixCost.PROMPT),
    /** No rule matched; the fix cost comes from the settings. */
    UNKNOWN("unknown", null);

    /** A tool name as it may appear in a mechanism id and a setting path. */
    public static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String prefix;
    private final FixCost fixCost;

    Mechanism(String prefix, FixCost fixCost) {
        this.prefix = prefix;
        this.fixCost = fixCost;
    }

    public String prefix() {
        return prefix;
    }

    /** The fix cost, or null for {@link #UNKNOWN}. */
    public FixCost fixCost() {
        return fixCost;
    }

    /** True for the mechanisms whose id names a tool. */
    public boolean takesTool() {
        return this == TOOL_TIMEOUT || this == TOOL_RETRIES;
    }

    /** The mechanism id, e.g. {@code prompt.dead-end} or {@code harness.tool-timeout:search}. */
    public String id(String tool) {
        if (!takesTool()) {
            return prefix;
        }
        if (tool == null || !TOOL_NAME.matcher(tool).matches()) {
            throw new IllegalArgumentException("tool name '" + tool + "' must match " + TOOL_NAME.pattern());
        }
        return prefix + ":" + tool;
    }

    /** A parsed mechanism id: the mechanism and, for tool mechanisms, the tool. */
    public record Parsed(Mechanism mechanism, String tool) {
    }

    /** The mechanism an id names, or empty for ids this version does not know. */
    public static Optional<Parsed> parse(String mechanismId) {
        if (mechanismId == null) {
            return Optional.empty();
        }
        int colon = mechanismId.indexOf(':');
        String prefix = colon < 0 ? mechanismId : mechanismId.substring(0, colon);
        String tool = colon < 0 ? null : mechanismId.substring(colon + 1);
        return Arrays.stream(values()).filter(m -> m.prefix.equals(prefix))
                .filter(m -> m.takesTool() ? tool != null && TOOL_NAME.matcher(tool).matches() : tool == null)
                .findFirst().map(m -> new Parsed(m, tool));
    }
}
