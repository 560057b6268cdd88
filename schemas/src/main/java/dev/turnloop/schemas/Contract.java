package dev.turnloop.schemas;

import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import dev.turnloop.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** The registry subjects of the contract: one per Avro-valued topic of the catalog (TopicNameStrategy). */
public final class Contract {

    /** A subject and the schema registered under it. */
    public record Subject(String subject, Schema schema) {
    }

    private Contract() {
    }

    public static List<Subject> subjects(TopicCatalog catalog) {
        List<Subject> subjects = new ArrayList<>();
        for (TopicSpec<?, ?> topic : catalog.all()) {
            if (topic.valueSerde() instanceof AvroSerde<?> avro) {
                subjects.add(new Subject(AvroSerde.subjectFor(topic.name(), false), avro.schema()));
            }
        }
        return subjects;
    }
}
