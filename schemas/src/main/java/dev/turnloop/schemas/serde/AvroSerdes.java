package dev.turnloop.schemas.serde;

import dev.turnloop.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/** Makes {@link AvroSerde}s that share one registry client and one registration policy. */
public final class AvroSerdes {

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    public AvroSerdes(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    public <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, registry, autoRegister);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public boolean autoRegister() {
        return autoRegister;
    }
}
