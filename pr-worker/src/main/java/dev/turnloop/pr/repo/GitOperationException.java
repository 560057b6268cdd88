package dev.turnloop.pr.repo;

/**
 * A git operation on the target repository failed (clone, fetch, push, merge conflict, unexpected branch). The
 * message is scrubbed of the access token; it says which operation failed and, where known, what to do.
 */
public class GitOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitOperationException(String message) {
        super(message);
    }

    public GitOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
