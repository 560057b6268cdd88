package dev.turnloop.pr.proposal;

/**
 * A proposal cannot be applied to the file as it is now (path missing, value changed since the breach, wrong type,
 * a shared YAML anchor). The message says what was found and what a human can do about it.
 */
public class ProposalConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProposalConflictException(String message) {
        super(message);
    }

    public ProposalConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
