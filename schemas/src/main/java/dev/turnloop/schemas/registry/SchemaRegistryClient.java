package dev.turnloop.schemas.registry;

import java.util.List;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that turnloop needs. Implemented over HTTP for any registry
 * that speaks that API (Confluent, Apicurio's ccompat endpoint, Redpanda, Karapace) and in memory for unit tests and
 * the embedded demo.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (idempotent: an identical schema returns its existing id). */
    int register(String subject, Schema schema);

    /** The id of this exact schema under the subject, or empty when it was never registered there. */
    OptionalInt lookup(String subject, Schema schema);

    /** The schema with this global id; throws {@link SchemaRegistryException} with status 404 when unknown. */
    Schema schemaById(int id);

    /** Whether the schema may be registered under the subject given the subject's compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the registry-wide default compatibility level (NONE, BACKWARD, FORWARD, FULL, ..._TRANSITIVE). */
    void setGlobalCompatibility(String level);

    /** All subjects known to the registry. */
    List<String> subjects();
}
