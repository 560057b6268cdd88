package dev.turnloop.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Held states reach the store below when Streams flushes caches before a commit, when they are evicted or before a
 * scan, once however often they changed, and never after Streams drops them (recycling the task).
 */
class ConversationStateStoreTest {

    private KeyValueStore<String, byte[]> below;
    private ConversationStateStore store;

    private ConversationStateStore open(int capacity) {
        below = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("open-conversations"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store = new ConversationStateStore(below, capacity);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static ConversationState state(String id, int turns) {
        ConversationState state = new ConversationState();
        state.conversationId = id;
        state.turns = turns;
        return state;
    }

    private int turnsBelow(String id) {
        byte[] bytes = below.get(id);
        return bytes == null ? -1 : ConversationStateCodec.decode(bytes).turns;
    }

    @Test
    void changesReachTheStoreBelowOnlyWhenCachesAreFlushed() {
        open(16);
        ConversationState state = state("c1", 1);
        store.save("c1", state);
        state.turns = 2;
        store.save("c1", state);

        assertThat(turnsBelow("c1")).as("before the flush").isEqualTo(-1);
        assertThat(store.load("c1")).as("held, decoded").isSameAs(state);

        store.flushCache();
        assertThat(turnsBelow("c1")).as("after the flush").isEqualTo(2);
        assertThat(store.get("c1")).as("what interactive queries read").isEqualTo(below.get("c1"));
    }

    @Test
    void anEvictedChangedStateIsWrittenAndLoadsBackDecoded() {
        open(2);
        store.save("c1", state("c1", 1));
        store.save("c2", state("c2", 2));
        store.save("c3", state("c3", 3));

        assertThat(turnsBelow("c1")).as("evicted, so written").isEqualTo(1);
        assertThat(turnsBelow("c3")).as("still held").isEqualTo(-1);
        assertThat(store.load("c1").turns).isEqualTo(1);
    }

    @Test
    void withoutHeldStatesEveryChangeIsWrittenAtOnce() {
        open(0);
        store.save("c1", state("c1", 4));

        assertThat(turnsBelow("c1")).isEqualTo(4);
        assertThat(store.load("c1")).as("decoded afresh").isNotNull().extracting(s -> s.turns).isEqualTo(4);
    }

    @Test
    void statesDroppedByStreamsAreNeverWritten() {
        open(16);
        store.save("c1", state("c1", 1));
        store.flushCache();
        store.load("c1").turns = 5;
        store.save("c1", store.load("c1"));

        store.clearCache(); // Streams recycles the task into a standby, which the changelog updates directly
        store.flushCache();

        assertThat(turnsBelow("c1")).isEqualTo(1);
        assertThat(store.load("c1").turns).as("the committed state, read from below").isEqualTo(1);
    }

    @Test
    void aScanReadsEveryChangeAndItsRewritesReplaceHeldStates() {
        open(16);
        store.save("c1", state("c1", 1));
        store.save("c2", state("c2", 2));

        List<String> scanned = new java.util.ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.allStates()) {
            all.forEachRemaining(entry -> scanned.add(entry.key));
        }
        store.replace(List.of(KeyValue.pair("c1", ConversationStateCodec.encode(state("c1", 9)))));
        store.forget("c2");

        assertThat(scanned).containsExactly("c1", "c2");
        assertThat(store.load("c1").turns).as("the rewrite, not the held state").isEqualTo(9);
        assertThat(store.load("c2")).isNull();
        assertThat(below.get("c2")).isNull();
    }

    @Test
    void aRevertPutsBackTheStateFromBeforeTheFailedTurn() {
        open(16);
        store.save("c1", state("c1", 1));
        ConversationState before = store.load("c1").copy();
        store.load("c1").turns = 99; // a turn failed half-way through its changes

        store.revert("c1", before);
        store.revert("new", null); // a conversation whose first turn failed had nothing to put back
        store.flushCache();

        assertThat(store.load("c1").turns).isEqualTo(1);
        assertThat(turnsBelow("c1")).isEqualTo(1);
        assertThat(store.load("new")).isNull();
    }

    @Test
    void aRecordCacheBelowIsRefused() {
        assertThatThrownBy(() -> ConversationStateStore.builder("s", 16).withCachingEnabled())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
