package dev.turnloop.app.bench;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.ingest.state.ConversationStateStore;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.schemas.catalog.TopicCatalog;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The second baseline of {@code bench ingest}: what any stateful ingest costs before it detects anything. It reads
 * Avro turns, loads and saves one conversation-sized state per turn in the store ingest uses (decoded states held in
 * memory, written back to changelogged RocksDB before each commit), and writes each turn as an Avro enriched turn
 * with empty signals, all exactly_once_v2: the same contract and the same store set-up as the ingest topology,
 * without its logic. Ingest's distance to this floor is what its logic costs;
 * the floor's distance to pass-through is what Avro and per-conversation state cost.
 */
public final class StatefulFloorTopology {

    /** Bytes per conversation state: what {@code bench pipeline} measured per open conversation (1.15 KB). */
    static final int STATE_BYTES = 1_150;
    /** Filler text that makes an encoded state about {@link #STATE_BYTES} long. */
    private static final String FILLER = "x".repeat(STATE_BYTES - 150);
    static final String STORE = "floor-conversation-states";

    private StatefulFloorTopology() {
    }

    public static Topology build(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        // as many held states as ingest holds by default
        builder.addStateStore(ConversationStateStore.builder(STORE, IngestSettings.defaults().recentStates()));
        builder.stream(topics.turns.name(), topics.turns.consumed().withName("floor-turns"))
                .process(StateTouch::new, Named.as("floor-state-touch"), STORE)
                .to(topics.enrichedTurns.name(), topics.enrichedTurns.produced().withName("floor-enriched-sink"));
        return builder.build();
    }

    /** Loads the conversation's state, counts the turn in it, saves it, emits the turn with empty signals. */
    private static final class StateTouch implements Processor<String, TurnEvent, String, EnrichedTurn> {
        private ProcessorContext<String, EnrichedTurn> context;
        private ConversationStateStore states;

        @Override
        public void init(ProcessorContext<String, EnrichedTurn> context) {
            this.context = context;
            this.states = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, TurnEvent> record) {
            ConversationState state = states.load(record.key());
            if (state == null) {
                state = new ConversationState();
                state.conversationId = record.key();
                state.firstUserText = FILLER;
            }
            state.turns++;
            states.save(record.key(), state);
            TurnEvent turn = record.value();
            context.forward(record.withValue(EnrichedTurn.newBuilder().setTurn(turn)
                    .setSignals(TurnSignals.newBuilder().build()).setSource("avro").setReordered(false)
                    .setAfterClose(false).build()));
        }
    }
}
