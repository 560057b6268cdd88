package dev.turnloop.app.cli;

import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.SchemaRegistries;
import dev.turnloop.schemas.registry.SchemaRegistryClient;
import dev.turnloop.schemas.serde.AvroSerdes;

/** What a command needs to talk to the pipeline: its config, registry client and topic catalog. */
public record Pipeline(TurnloopConfig config, SchemaRegistryClient registry, TopicCatalog topics) {

    public static Pipeline from(TurnloopConfig config) {
        SchemaRegistryClient registry = SchemaRegistries.fromUrl(config.schemaRegistryUrl());
        TopicCatalog topics = TopicCatalog.create(config.topicPrefix(),
                new AvroSerdes(registry, config.autoRegisterSchemas()), config.topicPartitions());
        return new Pipeline(config, registry, topics);
    }
}
