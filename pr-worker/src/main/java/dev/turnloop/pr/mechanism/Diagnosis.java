package dev.turnloop.pr.mechanism;

import dev.turnloop.schemas.FixCost;
import java.util.List;
import java.util.Objects;

/**
 * What a rule says causes a breach: the mechanism (and its tool, if any), a sentence for people written by code,
 * the fix cost, and the conversations that show it.
 *
 * @param description built from code-owned text and sanitised tokens only (tool names, counts, conversation ids)
 */
public record Diagnosis(Mechanism mechanism, String tool, String description, FixCost fixCost,
        List<String> supportingConversations) {

    public Diagnosis {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fixCost, "fixCost");
        supportingConversations = List.copyOf(supportingConversations);
    }

    /** The mechanism id, e.g. {@code harness.tool-timeout:search}. */
    public String mechanismId() {
        return mechanism.id(tool);
    }

    /** False when no rule could name what causes the breach. */
    public boolean known() {
        return mechanism != Mechanism.UNKNOWN;
    }
}
