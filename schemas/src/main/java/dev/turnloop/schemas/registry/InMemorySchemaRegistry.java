package dev.turnloop.schemas.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry held in memory, for unit tests and the embedded demo only. Enforces BACKWARD compatibility like
 * the real registry is configured to. Instances are shared by name through {@code mock://name} URLs, the convention
 * Confluent's serdes use, so a producer and a Streams app in one JVM see the same ids.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistry> BY_NAME = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> schemasById = new LinkedHashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private String compatibility = "BACKWARD";

    /** The registry shared under this name in this JVM. */
    public static InMemorySchemaRegistry named(String name) {
        return BY_NAME.computeIfAbsent(name, n -> new InMemorySchemaRegistry());
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        if (!isCompatible(subject, schema)) {
            throw new SchemaRegistryException(SchemaRegistryException.CONFLICT,
                    "schema for subject " + subject + " is incompatible with an earlier version (" + compatibility + ")");
        }
        int id = globalIdOf(schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized OptionalInt lookup(String subject, Schema schema) {
        for (int id : versionsBySubject.getOrDefault(subject, List.of())) {
            if (schemasById.get(id).equals(schema)) {
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.NOT_FOUND, "schema id " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty() || "NONE".equals(compatibility)) {
            return true;
        }
        Schema latest = schemasById.get(versions.get(versions.size() - 1));
        // BACKWARD: consumers using the new schema can read data written with the previous one.
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    @Override
    public synchronized void setGlobalCompatibility(String level) {
        this.compatibility = level;
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    private int globalIdOf(Schema schema) {
        for (Map.Entry<Integer, Schema> entry : schemasById.entrySet()) {
            if (entry.getValue().equals(schema)) {
                return entry.getKey();
            }
        }
        int id = schemasById.size() + 1;
        schemasById.put(id, schema);
        return id;
    }
}
