package dev.turnloop.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The bytes are not a valid wire-format record of the expected type. */
public class MalformedPayloadException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
