package dev.turnloop.schemas.serde;

/** The payload names a schema id the registry does not know. */
public class UnknownSchemaIdException extends MalformedPayloadException {
    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId) {
        super("schema id " + schemaId + " is not known to the schema registry");
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
