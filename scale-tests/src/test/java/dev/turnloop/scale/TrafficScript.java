package dev.turnloop.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.metrics.window.IntentPartitioner;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.textkit.Hashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The test's input, fully determined by the SGD dialogues and a start instant: real user and assistant text, event
 * times laid out phase by phase, cohorts, tool calls and end markers drawn from a per-conversation seed.
 *
 * <p>How every conversation closes, deterministically whatever the timing of the run:
 * <ul>
 *   <li>most carry an end marker on their last turn (RESOLVED, USER_LEFT, HANDED_OFF, ...), so ingest closes them on
 *       that turn;</li>
 *   <li>about one in ten is <em>silent</em> (no marker) and ends in the last minutes of its phase's traffic, so that
 *       only the inactivity scan closes it, at {@code last turn + inactivity gap}, once its partition's event time
 *       has passed that: the phase's clock conversations, published after the traffic, move every partition there.</li>
 * </ul>
 * Clock conversations (two turns, RESOLVED) end at the phase's clock time, one for every intent on every turns
 * partition, so that every ingest task and every metrics task sees stream time reach the clock time.
 *
 * <p>Timing rule that keeps the metrics exact: a silent conversation's last turn lies within {@link #SILENT_TAIL}
 * of the end of the traffic, so it closes (last turn + 30 min) less than 15 minutes (the hourly windows' grace)
 * before the clock time: the clock, which reaches the metrics tasks before the inactivity scan's summary, never makes
 * it late. Turn gaps stay far below the inactivity gap, so no other conversation closes by inactivity.
 */
final class TrafficScript {

    /** The ingest app's inactivity gap, from the settings {@code turnloop run} uses. */
    static final Duration INACTIVITY_GAP = IngestSettings.defaults().inactivityGap();
    /** Silent conversations end within this much of the end of their phase's traffic (less than the 15 min grace). */
    static final Duration SILENT_TAIL = Duration.ofMinutes(12);

    /** One phase: traffic in [start, trafficEnd], then clock conversations ending at clockTime. */
    record Phase(String name, Instant start, Instant trafficEnd, Instant clockTime, List<TurnEvent> traffic,
            List<TurnEvent> clocks) {

        long conversations() {
            return traffic.stream().map(TurnEvent::getConversationId).distinct().count();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficScript() {
    }

    /** One SGD dialogue: its id and its turns. */
    private record Dialogue(String id, List<Line> turns) {
    }

    /** One turn of a dialogue file: {@code user} or {@code assistant}, and what was said. */
    private record Line(String role, String text) {

        boolean isUser() {
            return "user".equals(role);
        }
    }

    /** The dialogues of an SGD turns file, in file order. */
    private static List<Dialogue> readDialogues(Path sgdTurns) throws IOException {
        Map<String, List<Line>> dialogues = new LinkedHashMap<>();
        try (BufferedReader reader = new TurnFile(sgdTurns).open()) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode turn = JSON.readTree(line);
                dialogues.computeIfAbsent(turn.get("conversation_id").asText(), id -> new ArrayList<>())
                        .add(new Line(turn.get("role").asText(), turn.get("text").asText()));
            }
        }
        return dialogues.entrySet().stream().map(e -> new Dialogue(e.getKey(), e.getValue())).toList();
    }

    /**
     * Splits the dialogues into {@code names.size()} consecutive phases of {@code span} traffic each; a phase's clock
     * time is a minute past the inactivity gap after its traffic, and the next phase starts a minute after that.
     */
    static List<Phase> phases(Path sgdTurns, List<String> names, Instant t0, Duration span, FixedIntents intents,
            int partitions) throws IOException {
        if (span.compareTo(SILENT_TAIL.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("a phase must span at least " + SILENT_TAIL.multipliedBy(2));
        }
        List<Dialogue> dialogues = readDialogues(sgdTurns);
        List<Phase> phases = new ArrayList<>();
        Instant start = t0;
        int perPhase = (dialogues.size() + names.size() - 1) / names.size();
        for (int k = 0; k < names.size(); k++) {
            Instant trafficEnd = start.plus(span);
            Instant clockTime = trafficEnd.plus(INACTIVITY_GAP).plus(Duration.ofMinutes(1));
            List<TurnEvent> traffic = new ArrayList<>();
            for (Dialogue dialogue : dialogues.subList(k * perPhase, Math.min(dialogues.size(), (k + 1) * perPhase))) {
                traffic.addAll(conversation(dialogue.id(), dialogue.turns(), start, trafficEnd));
            }
            traffic.sort(Comparator.comparing(TurnEvent::getEventTime).thenComparing(TurnEvent::getEventId));
            phases.add(new Phase(names.get(k), start, trafficEnd, clockTime, traffic,
                    clocks(names.get(k), clockTime, intents, partitions)));
            start = clockTime.plus(Duration.ofMinutes(1));
        }
        return phases;
    }

    /** Only clock conversations, ending at {@code clockTime}: moves every task's stream time there. */
    static Phase flush(String name, Instant clockTime, FixedIntents intents, int partitions) {
        return new Phase(name, clockTime, clockTime, clockTime, List.of(),
                clocks(name, clockTime, intents, partitions));
    }

    private static List<TurnEvent> conversation(String id, List<Line> turns, Instant phaseStart,
            Instant trafficEnd) {
        Random random = new Random(Hashes.fnv1a64(id));
        long span = Duration.between(phaseStart, trafficEnd).toMillis();
        long maxGap = Math.max(1_000, Math.min(40_000, span / 2 / Math.max(1, turns.size() - 1)));
        long[] offsets = new long[turns.size()];
        for (int i = 1; i < turns.size(); i++) {
            offsets[i] = offsets[i - 1] + Math.min(maxGap, 5_000 + random.nextInt(35_000));
        }
        long duration = offsets[turns.size() - 1];
        boolean silent = random.nextInt(10) == 0;
        long start = silent
                ? trafficEnd.toEpochMilli() - duration - (long) (random.nextDouble() * SILENT_TAIL.toMillis())
                : phaseStart.toEpochMilli() + (long) (random.nextDouble() * (span - duration));
        EndReason end = silent ? null : endReason(random);
        String prompt = random.nextInt(3) == 0 ? "p2" : "p1";
        String config = random.nextInt(4) == 0 ? "c2" : "c1";
        Map<String, String> attributes = Map.of(
                "plan", random.nextInt(3) == 0 ? "trial" : "pro",
                "user_type", random.nextBoolean() ? "new" : "returning");
        String userId = "user-" + random.nextInt(400);
        int toolErrorTurn = random.nextInt(8) == 0 ? lastAssistantTurn(turns, turns.size() / 2) : -1;
        int lastAssistant = lastAssistantTurn(turns, turns.size() - 1);
        boolean confirms = end == EndReason.RESOLVED && random.nextInt(10) < 7;

        List<TurnEvent> events = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            boolean user = turns.get(i).isUser();
            List<ToolCall> tools = new ArrayList<>();
            if (i == toolErrorTurn) {
                tools.add(ToolCall.newBuilder().setName("search_catalog").setStatus(ToolStatus.ERROR)
                        .setError("upstream timeout").build());
            }
            if (i == lastAssistant && confirms) {
                tools.add(ToolCall.newBuilder().setName("confirm_booking").setStatus(ToolStatus.OK).build());
            }
            if (i == lastAssistant && end == EndReason.HANDED_OFF) {
                tools.add(ToolCall.newBuilder().setName("transfer_to_human").setStatus(ToolStatus.OK).build());
            }
            events.add(TurnEvent.newBuilder()
                    .setEventId(id + "#" + i)
                    .setConversationId(id)
                    .setTurnIndex(i)
                    .setEventTime(Instant.ofEpochMilli(start + offsets[i]))
                    .setRole(user ? Role.USER : Role.ASSISTANT)
                    .setText(turns.get(i).text())
                    .setAgentName("sgd-agent")
                    .setAgentVersion("1.0")
                    .setPromptVersion(prompt)
                    .setHarnessVersion("h1")
                    .setConfigVersion(config)
                    .setUserId(userId)
                    .setUserAttributes(attributes)
                    .setToolCalls(tools)
                    .setEnd(i == turns.size() - 1 && end != null ? EndMarker.newBuilder().setReason(end).build() : null)
                    .build());
        }
        return events;
    }

    private static EndReason endReason(Random random) {
        int draw = random.nextInt(100);
        if (draw < 55) {
            return EndReason.RESOLVED;
        }
        if (draw < 80) {
            return EndReason.USER_LEFT;
        }
        if (draw < 90) {
            return EndReason.HANDED_OFF;
        }
        return draw < 95 ? EndReason.TIMEOUT : EndReason.ERROR;
    }

    private static int lastAssistantTurn(List<Line> turns, int atOrBefore) {
        for (int i = atOrBefore; i >= 0; i--) {
            if (!turns.get(i).isUser()) {
                return i;
            }
        }
        return -1;
    }

    /** One two-turn RESOLVED conversation per intent and turns partition, its end marker at {@code clockTime}. */
    private static List<TurnEvent> clocks(String phase, Instant clockTime, FixedIntents intents, int partitions) {
        List<TurnEvent> clocks = new ArrayList<>();
        for (String intent : intents.ids()) {
            for (int partition = 0; partition < partitions; partition++) {
                String id = clockId(phase, intent, partition, intents, partitions);
                clocks.add(TurnEvent.newBuilder().setEventId(id + "#0").setConversationId(id).setTurnIndex(0)
                        .setEventTime(clockTime.minusSeconds(30)).setRole(Role.USER)
                        .setText("That is all I needed, thanks.").setAgentName("sgd-agent").setPromptVersion("p1")
                        .setHarnessVersion("h1").setConfigVersion("c1").build());
                clocks.add(TurnEvent.newBuilder().setEventId(id + "#1").setConversationId(id).setTurnIndex(1)
                        .setEventTime(clockTime).setRole(Role.ASSISTANT).setText("You're welcome, goodbye!")
                        .setAgentName("sgd-agent").setPromptVersion("p1").setHarnessVersion("h1")
                        .setConfigVersion("c1").setEnd(EndMarker.newBuilder().setReason(EndReason.RESOLVED).build())
                        .build());
            }
        }
        return clocks;
    }

    /** The first id {@code clock-<phase>-<n>} that the stand-in maps to {@code intent} and Kafka to {@code partition}. */
    private static String clockId(String phase, String intent, int partition, FixedIntents intents, int partitions) {
        for (int n = 0; ; n++) {
            String id = "clock-" + phase + "-" + n;
            if (intents.intentOf(id).equals(intent) && IntentPartitioner.partitionOf(id, partitions) == partition) {
                return id;
            }
        }
    }
}
