package dev.turnloop.ingest.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The open-conversations store: a changelogged RocksDB key-value store of encoded {@link ConversationState}s, with
 * the decoded states of the most recently active conversations held in memory in front of it, write-back.
 *
 * <p>A turn changes its conversation's held state; the state is encoded and written to the store below only when
 * Kafka Streams flushes caches before it commits (so the changelog in each transaction holds every state its
 * input offsets produced), when it is evicted, or before a scan reads the store. Several turns of one conversation
 * between two commits therefore cost one encoding and one write, not one each. This is what Streams' own record
 * cache does for bytes; it is done here for decoded states, and the record cache is left off.
 *
 * <p>The hook Streams calls before a commit is its {@code CachedStateStore} interface, which is internal. If Streams
 * stopped calling it, states would reach the changelog a commit late; {@code WriteBackBeforeCommitTest} fails then.
 *
 * <p>Interactive queries (other threads) read the store below: states as of the last write-back.
 */
public final class ConversationStateStore
        implements StateStore, CachedStateStore<String, byte[]>, ReadOnlyKeyValueStore<String, byte[]> {

    private final KeyValueStore<String, byte[]> stored;
    private final int capacity;
    private final LinkedHashMap<String, Held> held;

    /** A decoded state, and whether it differs from what the store below has. */
    private static final class Held {
        final ConversationState state;
        boolean dirty;

        Held(ConversationState state, boolean dirty) {
            this.state = state;
            this.dirty = dirty;
        }
    }

    ConversationStateStore(KeyValueStore<String, byte[]> stored, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.stored = stored;
        this.capacity = capacity;
        this.held = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                if (size() <= ConversationStateStore.this.capacity) {
                    return false;
                }
                writeIfDirty(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    /**
     * A builder for the store named {@code name} (its changelog is named after it), holding up to {@code heldStates}
     * decoded states; with 0 every change is written through at once.
     */
    public static StoreBuilder<ConversationStateStore> builder(String name, int heldStates) {
        return new Builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                Serdes.ByteArray()), heldStates);
    }

    // -- what the conversation processor uses (stream thread only)

    /** The conversation's current state, or null if it has none; the caller may change it and then {@link #save}. */
    public ConversationState load(String conversationId) {
        Held entry = held.get(conversationId);
        if (entry != null) {
            return entry.state;
        }
        byte[] bytes = stored.get(conversationId);
        if (bytes == null) {
            return null;
        }
        ConversationState state = ConversationStateCodec.decode(bytes);
        hold(conversationId, new Held(state, false));
        return state;
    }

    /** Records the conversation's new state (written to the store below by the next write-back). */
    public void save(String conversationId, ConversationState state) {
        hold(conversationId, new Held(state, true));
    }

    /**
     * Undoes a change that failed half-way: {@code before} is a copy of the state as it was, or null if the
     * conversation had none.
     */
    public void revert(String conversationId, ConversationState before) {
        if (before == null) {
            held.remove(conversationId);
        } else {
            save(conversationId, before);
        }
    }

    /** Writes every changed held state to the store below. */
    public void writeBack() {
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            writeIfDirty(entry.getKey(), entry.getValue());
            entry.getValue().dirty = false;
        }
    }

    /** Every stored state, encoded, after a write-back (for scans; the caller closes the iterator). */
    public KeyValueIterator<String, byte[]> allStates() {
        writeBack();
        return stored.all();
    }

    /** Replaces stored states (a scan's changes to encoded states); held copies of them are dropped. */
    public void replace(List<KeyValue<String, byte[]>> changed) {
        stored.putAll(changed);
        changed.forEach(entry -> held.remove(entry.key));
    }

    /** Forgets a conversation entirely. */
    public void forget(String conversationId) {
        held.remove(conversationId);
        stored.delete(conversationId);
    }

    private void hold(String conversationId, Held entry) {
        if (capacity == 0) {
            writeIfDirty(conversationId, entry);
            return;
        }
        held.put(conversationId, entry);
    }

    private void writeIfDirty(String conversationId, Held entry) {
        if (entry.dirty) {
            stored.put(conversationId, ConversationStateCodec.encode(entry.state));
        }
    }

    // -- Kafka Streams' cache hooks: write back before a commit; drop everything when the task is recycled into a
    // standby (the changelog then updates the store below directly, so held states would go stale)

    @Override
    public void flushCache() {
        writeBack();
    }

    @Override
    public void clearCache() {
        held.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false; // nothing downstream listens to this store's changes
    }

    // -- state store lifecycle: the store below's

    @Override
    public String name() {
        return stored.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        held.clear();
        stored.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        stored.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        stored.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return stored.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return stored.managesOffsets();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return stored.approximateNumUncommittedBytes();
    }

    @Override
    public void close() {
        held.clear();
        stored.close();
    }

    @Override
    public boolean persistent() {
        return stored.persistent();
    }

    @Override
    public boolean isOpen() {
        return stored.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return stored.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return stored.getPosition();
    }

    // -- interactive queries: the store below, as of the last write-back

    @Override
    public byte[] get(String conversationId) {
        return stored.get(conversationId);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        return stored.range(from, to);
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        return stored.all();
    }

    @Override
    public long approximateNumEntries() {
        return stored.approximateNumEntries();
    }

    /** Builds the store over a key-value store builder, whose logging settings it passes on. */
    private static final class Builder implements StoreBuilder<ConversationStateStore> {
        private final StoreBuilder<KeyValueStore<String, byte[]>> stored;
        private final int heldStates;

        Builder(StoreBuilder<KeyValueStore<String, byte[]>> stored, int heldStates) {
            this.stored = stored;
            this.heldStates = heldStates;
        }

        @Override
        public StoreBuilder<ConversationStateStore> withCachingEnabled() {
            throw new UnsupportedOperationException(
                    "the conversation state store holds decoded states itself; a record cache below it would only copy");
        }

        @Override
        public StoreBuilder<ConversationStateStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<ConversationStateStore> withLoggingEnabled(Map<String, String> config) {
            stored.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<ConversationStateStore> withLoggingDisabled() {
            stored.withLoggingDisabled();
            return this;
        }

        @Override
        public ConversationStateStore build() {
            return new ConversationStateStore(stored.build(), heldStates);
        }

        @Override
        public Map<String, String> logConfig() {
            return stored.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return stored.loggingEnabled();
        }

        @Override
        public String name() {
            return stored.name();
        }
    }
}
