package dev.turnloop.ingest.topology;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.signals.ConversationTracker;
import dev.turnloop.ingest.signals.Detection;
import dev.turnloop.ingest.signals.Outcomes;
import dev.turnloop.ingest.signals.Summaries;
import dev.turnloop.ingest.signals.TurnSignalDetector;
import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.ingest.state.ConversationStateCodec;
import dev.turnloop.ingest.state.ConversationStateStore;
import dev.turnloop.ingest.state.PendingTurn;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.SignalEvent;
import dev.turnloop.schemas.SignalKind;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import dev.turnloop.textkit.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The per-conversation heart of ingest. For each turn (keyed by conversation id): drop it if it is a duplicate (same
 * event id, or a turn index already processed), hold it if it arrived ahead of a missing predecessor, otherwise
 * detect its signals in the light of the conversation so far and emit it enriched; close the conversation on an end
 * marker. A wall-clock scan closes conversations idle for the inactivity gap in event time, releases turns held
 * longer than the reorder grace, and forgets closed conversations after their retention.
 *
 * <p>Rule in one line: {@code outcome = handed off ? ESCALATED : resolved ? COMPLETED : ABANDONED}, decided when the
 * runtime ends the conversation or after {@code inactivityGap} of event time without a turn.
 */
final class ConversationProcessor implements Processor<String, TurnEvent, String, Object> {

    private final String storeName;
    private final IngestSettings settings;
    private final TurnSignalDetector detector;
    private final ConversationTracker tracker;
    private final Summaries summaries;
    private final SingleObjectSerde<TurnEvent> turnCodec = new SingleObjectSerde<>(TurnEvent.class);

    private ProcessorContext<String, Object> context;
    private ConversationStateStore conversations;
    private long eventClock = Long.MIN_VALUE;
    private Sensor duplicates;
    private Sensor lateTurns;

    ConversationProcessor(String storeName, IngestSettings settings, TurnSignalDetector detector,
            ConversationTracker tracker, Summaries summaries) {
        this.storeName = storeName;
        this.settings = settings;
        this.detector = detector;
        this.tracker = tracker;
        this.summaries = summaries;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.conversations = context.getStateStore(storeName);
        String thread = Thread.currentThread().getName();
        this.duplicates = context.metrics().addRateTotalSensor("turnloop-ingest", thread + "-" + context.taskId(),
                "duplicate-turns-dropped", Sensor.RecordingLevel.INFO);
        this.lateTurns = context.metrics().addRateTotalSensor("turnloop-ingest", thread + "-" + context.taskId(),
                "turns-after-close", Sensor.RecordingLevel.INFO);
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME, now -> scan());
    }

    @Override
    public void process(Record<String, TurnEvent> record) {
        TurnEvent turn = record.value();
        String source = header(record, DecodeProcessor.SOURCE_HEADER, "avro");
        long eventTime = turn.getEventTime().toEpochMilli();
        eventClock = Math.max(eventClock, eventTime);

        ConversationState known = conversations.load(record.key());
        // the state is changed in place: keep a copy to put back if the turn fails half-way (it is dead-lettered)
        ConversationState before = known == null ? null : known.copy();
        try {
            processTurn(record.key(), known == null ? start(turn) : known, turn, source, eventTime);
        } catch (RuntimeException e) {
            conversations.revert(record.key(), before);
            throw e;
        }
    }

    private void processTurn(String key, ConversationState state, TurnEvent turn, String source, long eventTime) {
        long eventIdHash = Hashes.fnv1a64(turn.getEventId());
        if (isDuplicate(state, turn, eventIdHash)) {
            duplicates.record();
            return;
        }
        state.rememberEventId(eventIdHash);

        // a turn whose own time lies beyond the inactivity gap finds its conversation already over
        if (!state.closed && eventTime - state.lastEventTime > settings.inactivityGap().toMillis() && state.turns > 0) {
            closeAndEmit(state, state.lastEventTime + settings.inactivityGap().toMillis(), null);
        }
        place(state, turn, source, eventTime);
        conversations.save(key, state);
    }

    /** Applies, holds or attaches a new (not duplicate) turn according to where it falls in its conversation. */
    private void place(ConversationState state, TurnEvent turn, String source, long eventTime) {
        if (state.closed) {
            attachAfterClose(state, turn, source);
        } else if (turn.getTurnIndex() == state.nextIndex) {
            applyInOrder(state, turn, source, false);
            releaseConsecutive(state);
        } else if (turn.getTurnIndex() > state.nextIndex && state.pending.size() >= ConversationState.MAX_PENDING) {
            // as many held as a state keeps: stop waiting for the gap, as the reorder grace would, then place it
            releaseAll(state);
            place(state, turn, source, eventTime);
        } else if (turn.getTurnIndex() > state.nextIndex) {
            state.pending.add(new PendingTurn(turn.getTurnIndex(), eventClock, source, turnCodec.encode(turn)));
            state.lastEventTime = Math.max(state.lastEventTime, eventTime);
        } else {
            // fills a gap we already skipped after the reorder grace: process it, flagged as reordered
            state.unskip(turn.getTurnIndex());
            apply(state, turn, source, true);
        }
    }

    private ConversationState start(TurnEvent turn) {
        ConversationState state = new ConversationState();
        state.conversationId = turn.getConversationId();
        state.startedAt = turn.getEventTime().toEpochMilli();
        state.lastEventTime = state.startedAt;
        return state;
    }

    private static boolean isDuplicate(ConversationState state, TurnEvent turn, long eventIdHash) {
        int index = turn.getTurnIndex();
        return state.sawEventId(eventIdHash)
                || state.isPending(index)
                || (index < state.nextIndex && !state.isSkipped(index));
    }

    private void applyInOrder(ConversationState state, TurnEvent turn, String source, boolean reordered) {
        state.nextIndex = turn.getTurnIndex() + 1;
        apply(state, turn, source, reordered);
    }

    private void releaseConsecutive(ConversationState state) {
        state.pending.sort(Comparator.comparingInt(PendingTurn::turnIndex));
        while (!state.closed && !state.pending.isEmpty() && state.pending.get(0).turnIndex() == state.nextIndex) {
            PendingTurn next = state.pending.remove(0);
            applyInOrder(state, turnCodec.decode(next.encodedTurn()), next.source(), true);
        }
    }

    /** Releases every held turn, skipping the gaps before them (their turns never came within the grace). */
    private void releaseAll(ConversationState state) {
        state.pending.sort(Comparator.comparingInt(PendingTurn::turnIndex));
        while (!state.closed && !state.pending.isEmpty()) {
            PendingTurn next = state.pending.remove(0);
            state.skip(state.nextIndex, next.turnIndex());
            applyInOrder(state, turnCodec.decode(next.encodedTurn()), next.source(), true);
            releaseConsecutive(state);
        }
    }

    private void apply(ConversationState state, TurnEvent turn, String source, boolean reordered) {
        Detection detection = detector.detect(turn, state);
        List<ConversationTracker.Raised> raised = tracker.apply(state, turn, detection);
        long eventTime = turn.getEventTime().toEpochMilli();
        emitEnriched(turn, detection.signals(), source, reordered, false);
        Cohort cohort = raised.isEmpty() ? null : summaries.cohort(state); // one for all of this turn's signals
        for (ConversationTracker.Raised signal : raised) {
            emitSignal(cohort, turn, signal.kind(), signal.score(), signal.detail());
        }
        if (turn.getEnd() != null) {
            releaseAll(state);
            closeAndEmit(state, eventTime, turn.getEnd().getReason());
        }
    }

    private void attachAfterClose(ConversationState state, TurnEvent turn, String source) {
        state.lateTurns++;
        lateTurns.record();
        emitEnriched(turn, TurnSignals.newBuilder().build(), source, false, true);
        emitSignal(summaries.cohort(state), turn, SignalKind.LATE_TURN, 1, "closed " + state.outcome);
    }

    private void closeAndEmit(ConversationState state, long closedAt, EndReason end) {
        Outcomes.close(state, closedAt, end);
        state.summaryRevision++;
        state.pending.clear();
        state.userFingerprints.clear();
        ConversationSummary summary = summaries.summarize(state);
        context.forward(new Record<String, Object>(state.conversationId, summary, closedAt));
        if (summary.getOutcome() == dev.turnloop.schemas.Outcome.ABANDONED) {
            context.forward(new Record<String, Object>(state.conversationId, SignalEvent.newBuilder()
                    .setConversationId(state.conversationId)
                    .setTurnIndex(Math.max(0, state.nextIndex - 1))
                    .setEventTime(Instant.ofEpochMilli(closedAt))
                    .setKind(SignalKind.ABANDONMENT)
                    .setDetail(state.outcomeReason)
                    .setScore(1)
                    .setCohort(summaries.cohort(state))
                    .build(), closedAt));
        }
    }

    private void emitEnriched(TurnEvent turn, TurnSignals signals, String source, boolean reordered,
            boolean afterClose) {
        EnrichedTurn enriched = EnrichedTurn.newBuilder()
                .setTurn(turn)
                .setSignals(signals)
                .setSource(source)
                .setReordered(reordered)
                .setAfterClose(afterClose)
                .build();
        context.forward(new Record<String, Object>(turn.getConversationId(), enriched,
                turn.getEventTime().toEpochMilli()));
    }

    private void emitSignal(Cohort cohort, TurnEvent turn, SignalKind kind, double score, String detail) {
        context.forward(new Record<String, Object>(turn.getConversationId(), SignalEvent.newBuilder()
                .setConversationId(turn.getConversationId())
                .setTurnIndex(turn.getTurnIndex())
                .setEventTime(turn.getEventTime())
                .setKind(kind)
                .setScore(score)
                .setDetail(detail)
                .setCohort(cohort)
                .build(), turn.getEventTime().toEpochMilli()));
    }

    /** Closes idle conversations, releases expired reorder waits, forgets old closed conversations. */
    private void scan() {
        if (eventClock == Long.MIN_VALUE) {
            return; // nothing seen since start: no event time to judge by
        }
        long idleBefore = eventClock - settings.inactivityGap().toMillis();
        long graceBefore = eventClock - settings.reorderGrace().toMillis();
        long forgetBefore = eventClock - settings.closedRetention().toMillis();
        List<KeyValue<String, byte[]>> changed = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = conversations.allStates()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                ConversationStateCodec.Header header = ConversationStateCodec.header(entry.value);
                if (header.closed()) {
                    if (header.closedAt() < forgetBefore) {
                        forgotten.add(entry.key);
                    }
                } else if (header.lastEventTime() < idleBefore || header.hasPending()) {
                    ConversationState state = ConversationStateCodec.decode(entry.value);
                    if (expireWaits(state, graceBefore) | closeIfIdle(state, idleBefore)) {
                        changed.add(KeyValue.pair(entry.key, ConversationStateCodec.encode(state)));
                    }
                }
            }
        }
        conversations.replace(changed);
        forgotten.forEach(conversations::forget);
    }

    private boolean expireWaits(ConversationState state, long graceBefore) {
        boolean expired = state.pending.stream().anyMatch(p -> p.heldSince() < graceBefore);
        if (expired) {
            releaseAll(state);
        }
        return expired;
    }

    private boolean closeIfIdle(ConversationState state, long idleBefore) {
        if (state.closed || state.lastEventTime >= idleBefore) {
            return false;
        }
        releaseAll(state);
        if (!state.closed) {
            closeAndEmit(state, state.lastEventTime + settings.inactivityGap().toMillis(), null);
        }
        return true;
    }

    private static String header(Record<?, ?> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

}
