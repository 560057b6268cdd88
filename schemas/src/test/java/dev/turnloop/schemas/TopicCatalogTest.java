package dev.turnloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.schemas.catalog.CleanupPolicy;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    private final AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry(), true);

    @Test
    void namesEveryTopicUnderThePrefixAndUniquely() {
        TopicCatalog catalog = TopicCatalog.create("acme.prod", serdes, 6);

        assertThat(catalog.all()).allSatisfy(t -> assertThat(t.name()).startsWith("acme.prod."));
        assertThat(new HashSet<>(catalog.all().stream().map(TopicSpec::name).toList())).hasSameSizeAs(catalog.all());
        assertThat(catalog.turns.partitions()).isEqualTo(6);
    }

    @Test
    void tablesAreCompactedAndTheirTopicConfigSaysSo() {
        TopicCatalog catalog = TopicCatalog.create("t", serdes, 3);

        assertThat(catalog.intentCatalog.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(catalog.backlog.newTopic((short) 1).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(catalog.turns.newTopic((short) 3).configs()).containsEntry("cleanup.policy", "delete")
                .containsKey("retention.ms");
    }

    @Test
    void refusesPrefixesThatAreNotTopicNames() {
        assertThatThrownBy(() -> TopicCatalog.create("bad prefix!", serdes, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-zA-Z0-9._-]+");
    }

    @Test
    void contractHasOneSubjectPerAvroTopic() {
        TopicCatalog catalog = TopicCatalog.create("t", serdes, 1);

        assertThat(Contract.subjects(catalog)).extracting(Contract.Subject::subject)
                .contains("t.turns-value", "t.conversation-summaries-value", "t.cohort-verdicts-value")
                .doesNotContain("t.turns-json-value", "t.dead-letters-value");
    }
}
