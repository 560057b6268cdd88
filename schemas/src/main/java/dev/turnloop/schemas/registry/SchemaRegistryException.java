package dev.turnloop.schemas.registry;

/** A schema registry answered with an error, or could not be reached. Carries the HTTP status (0 when unreachable). */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    private final int httpStatus;

    public SchemaRegistryException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** 409: the schema is incompatible with the subject's earlier versions. */
    public boolean isIncompatible() {
        return httpStatus == CONFLICT;
    }

    public boolean isNotFound() {
        return httpStatus == NOT_FOUND;
    }
}
