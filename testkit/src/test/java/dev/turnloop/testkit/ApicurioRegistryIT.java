package dev.turnloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.registry.HttpSchemaRegistryClient;
import dev.turnloop.schemas.registry.SchemaRegistryException;
import dev.turnloop.schemas.serde.AvroSerde;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real Apicurio Registry process speaking the Confluent API, with BACKWARD compatibility. */
class ApicurioRegistryIT {

    private static HttpSchemaRegistryClient registry;

    @BeforeAll
    static void startRegistry() {
        registry = new HttpSchemaRegistryClient(ApicurioRegistry.shared().confluentApiUrl());
    }

    private static String uniqueSubject() {
        return "turns-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registersTurnEventAndReadsItBackById() {
        String subject = uniqueSubject();

        int id = registry.register(subject, TurnEvent.getClassSchema());
        Schema fetched = new HttpSchemaRegistryClient(registry.baseUrl()).schemaById(id);

        assertThat(fetched).as("schema read back by id").isEqualTo(TurnEvent.getClassSchema());
        assertThat(registry.subjects()).contains(subject);
        assertThat(registry.register(subject, TurnEvent.getClassSchema()))
                .as("registering the same schema again is idempotent").isEqualTo(id);
        assertThat(new HttpSchemaRegistryClient(registry.baseUrl()).lookup(subject, TurnEvent.getClassSchema()))
                .hasValue(id);
    }

    @Test
    void acceptsAnAddedOptionalField() {
        String subject = uniqueSubject();
        registry.register(subject, TurnEvent.getClassSchema());

        Schema evolved = withExtraField(TurnEvent.getClassSchema(), true);

        assertThat(registry.isCompatible(subject, evolved)).as("optional field with default is BACKWARD").isTrue();
        int id = registry.register(subject, evolved);
        assertThat(registry.schemaById(id).getField("sentiment_hint")).isNotNull();
    }

    @Test
    void refusesABreakingChangeWith409() {
        String subject = uniqueSubject();
        registry.register(subject, TurnEvent.getClassSchema());

        Schema breaking = withExtraField(TurnEvent.getClassSchema(), false);

        assertThat(registry.isCompatible(subject, breaking)).as("required field without default breaks BACKWARD")
                .isFalse();
        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).as("HTTP status").isEqualTo(409));
    }

    @Test
    void serdeWritesConfluentWireFormatThatReadsBackThroughTheRegistry() {
        String topic = "serde-" + UUID.randomUUID();
        AvroSerde<TurnEvent> producerSide = new AvroSerde<>(TurnEvent.class, registry, true);
        AvroSerde<TurnEvent> consumerSide = new AvroSerde<>(TurnEvent.class,
                new HttpSchemaRegistryClient(registry.baseUrl()), false);
        TurnEvent turn = SampleTurns.turn("c-1", 0, "my card has not arrived");

        byte[] bytes = producerSide.serialize(topic, turn);

        assertThat(bytes[0]).as("magic byte").isZero();
        assertThat(consumerSide.deserialize(topic, bytes)).isEqualTo(turn);
    }

    /** TurnEvent plus one string field, optional (with a default) or required (without one). */
    private static Schema withExtraField(Schema base, boolean optional) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode schema = (ObjectNode) json.readTree(base.toString());
            ObjectNode field = ((ArrayNode) schema.get("fields")).addObject().put("name", "sentiment_hint");
            if (optional) {
                field.putArray("type").add("null").add("string");
                field.putNull("default");
            } else {
                field.put("type", "string");
            }
            return new Schema.Parser().parse(schema.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
