package dev.turnloop.app.demo.sim;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.ingest.signals.Detection;
import dev.turnloop.ingest.signals.Outcomes;
import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.TurnEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads simulated turns the way the ingest topology does, with its own detector, tracker and summaries: each
 * conversation's turns in order, closed by inactivity after its last turn (the simulator sends no end markers).
 */
final class IngestReplay {

    private static final IngestSettings SETTINGS = IngestSettings.defaults();
    private final IngestTopology.Readers readers = IngestStreams.readers(SETTINGS);

    List<ConversationSummary> summaries(List<TurnEvent> turns) {
        Map<String, List<TurnEvent>> byConversation = new LinkedHashMap<>();
        turns.forEach(t -> byConversation.computeIfAbsent(t.getConversationId(), id -> new ArrayList<>()).add(t));
        List<ConversationSummary> summaries = new ArrayList<>();
        byConversation.values().forEach(conversation -> summaries.add(summary(conversation)));
        return summaries;
    }

    private ConversationSummary summary(List<TurnEvent> turns) {
        List<TurnEvent> ordered = turns.stream().sorted(Comparator.comparingInt(TurnEvent::getTurnIndex)).toList();
        ConversationState state = new ConversationState();
        state.conversationId = ordered.get(0).getConversationId();
        state.startedAt = ordered.get(0).getEventTime().toEpochMilli();
        for (TurnEvent turn : ordered) {
            Detection detection = readers.detector().detect(turn, state);
            readers.tracker().apply(state, turn, detection);
        }
        Outcomes.close(state, state.lastEventTime + SETTINGS.inactivityGap().toMillis(), null);
        state.summaryRevision++;
        return readers.summaries().summarize(state);
    }
}
