package dev.turnloop.pr.mechanism;

import dev.turnloop.pr.proposal.ChangeProposal;
import java.util.Objects;
import java.util.Optional;

/**
 * What to change for a backlog item: a proposal, or the reason there is none (mechanism unknown, a capability to
 * build, a setting that is missing or already at its limit).
 */
public final class Remedy {
    private final ChangeProposal proposal;
    private final String reason;

    private Remedy(ChangeProposal proposal, String reason) {
        this.proposal = proposal;
        this.reason = reason;
    }

    public static Remedy of(ChangeProposal proposal) {
        return new Remedy(Objects.requireNonNull(proposal, "proposal"), null);
    }

    public static Remedy none(String reason) {
        return new Remedy(null, Objects.requireNonNull(reason, "reason"));
    }

    public Optional<ChangeProposal> proposal() {
        return Optional.ofNullable(proposal);
    }

    /** Why there is no proposal; empty when there is one. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return proposal != null ? "Remedy[" + proposal.summary() + "]" : "Remedy[none: " + reason + "]";
    }
}
