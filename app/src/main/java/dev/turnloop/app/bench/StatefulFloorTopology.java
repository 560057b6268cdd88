package dev.turnloop.app.bench;

import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.schemas.catalog.TopicCatalog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The second baseline of {@code bench ingest}: what any stateful ingest costs before it detects anything. It reads
 * Avro turns, reads and writes one conversation-sized value per turn in a cached RocksDB store (changelogged), and
 * writes each turn as an Avro enriched turn with empty signals, all exactly_once_v2 — the same contract and the same
 * store set-up as the ingest topology, without its logic. Ingest's distance to this floor is what its logic costs;
 * the floor's distance to pass-through is what Avro and per-conversation state cost.
 */
public final class StatefulFloorTopology {

    /** Bytes per conversation state: what {@code bench pipeline} measured per open conversation (1.15 KB). */
    static final int STATE_BYTES = 1_150;
    static final String STORE = "floor-conversation-states";

    private StatefulFloorTopology() {
    }

    public static Topology build(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled());
        builder.stream(topics.turns.name(), topics.turns.consumed().withName("floor-turns"))
                .process(StateTouch::new, Named.as("floor-state-touch"), STORE)
                .to(topics.enrichedTurns.name(), topics.enrichedTurns.produced().withName("floor-enriched-sink"));
        return builder.build();
    }

    /** Reads the conversation's state, writes a changed copy back, emits the turn with empty signals. */
    private static final class StateTouch implements Processor<String, TurnEvent, String, EnrichedTurn> {
        private ProcessorContext<String, EnrichedTurn> context;
        private KeyValueStore<String, byte[]> states;

        @Override
        public void init(ProcessorContext<String, EnrichedTurn> context) {
            this.context = context;
            this.states = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, TurnEvent> record) {
            byte[] before = states.get(record.key());
            byte[] after = before == null ? new byte[STATE_BYTES] : before.clone();
            after[0]++;
            states.put(record.key(), after);
            TurnEvent turn = record.value();
            context.forward(record.withValue(EnrichedTurn.newBuilder().setTurn(turn)
                    .setSignals(TurnSignals.newBuilder().build()).setSource("avro").setReordered(false)
                    .setAfterClose(false).build()));
        }
    }
}
