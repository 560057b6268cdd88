package dev.turnloop.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.state.ConversationStateCodec;
import dev.turnloop.ingest.state.ConversationStateStore;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.schemas.streams.StreamsDefaults;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class StatefulFloorTopologyTest {

    @Test
    void everyTurnComesOutEnrichedWithEmptySignalsAndEachConversationKeepsOneState() throws Exception {
        TopicCatalog topics = TopicCatalog.create("floor", new AvroSerdes(new InMemorySchemaRegistry(), true), 1);
        Properties props = StreamsDefaults.properties(Map.of("bootstrap.servers", "unused:9092"), "floor-test",
                Files.createTempDirectory("floor").toString(), topics.deadLetters.name());
        SyntheticTurns load = new SyntheticTurns(3, 20, Instant.parse("2026-11-01T10:00:00Z"));
        List<TurnEvent> sent = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(StatefulFloorTopology.build(topics), props)) {
            var in = driver.createInputTopic(topics.turns.name(), topics.turns.keySerde().serializer(),
                    topics.turns.valueSerde().serializer());
            var out = driver.createOutputTopic(topics.enrichedTurns.name(), topics.enrichedTurns.keySerde()
                    .deserializer(), topics.enrichedTurns.valueSerde().deserializer());
            for (int i = 0; i < 300; i++) {
                TurnEvent turn = load.next();
                sent.add(turn);
                in.pipeInput(turn.getConversationId(), turn);
            }

            List<EnrichedTurn> enriched = out.readValuesToList();
            assertThat(enriched).extracting(EnrichedTurn::getTurn).containsExactlyElementsOf(sent);
            assertThat(enriched).allSatisfy(e -> assertThat(e.getSignals().getRepair() || e.getSignals()
                    .getResolution() || e.getSignals().getNegative()).isFalse());
            ConversationStateStore states = (ConversationStateStore) driver.getAllStateStores()
                    .get(StatefulFloorTopology.STORE);
            long conversations = sent.stream().map(TurnEvent::getConversationId).distinct().count();
            long entries;
            try (var all = states.all()) {
                entries = java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(all, 0),
                        false).count();
            }
            assertThat(entries).isEqualTo(conversations);
            String first = sent.get(0).getConversationId();
            long turnsOfFirst = sent.stream().filter(t -> t.getConversationId().equals(first)).count();
            assertThat(states.get(first).length).as("encoded state bytes")
                    .isBetween(StatefulFloorTopology.STATE_BYTES - 100, StatefulFloorTopology.STATE_BYTES + 100);
            assertThat(ConversationStateCodec.decode(states.get(first)).turns).isEqualTo((int) turnsOfFirst);
        }
    }
}
