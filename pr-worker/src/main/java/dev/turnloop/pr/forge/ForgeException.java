package dev.turnloop.pr.forge;

/**
 * A forge call failed. The message names the call and the forge's own explanation, scrubbed of the token;
 * {@link #retryable()} says whether trying again later can help (network, rate limit, server error).
 */
public class ForgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int statusCode;
    private final boolean retryable;

    public ForgeException(String message, int statusCode, boolean retryable) {
        super(message);
        this.statusCode = statusCode;
        this.retryable = retryable;
    }

    /** Not retryable and without an HTTP status: a local problem such as a missing branch. */
    public ForgeException(String message) {
        this(message, 0, false);
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int statusCode() {
        return statusCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
