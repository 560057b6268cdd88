package dev.turnloop.app.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.ingest.decode.DecodeResult;
import dev.turnloop.ingest.decode.JsonTurnDecoder;
import dev.turnloop.schemas.TurnEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Reads a turns file line by line, fills in event times from a {@link ReplayTimeline} where a line has none, decodes
 * each line with the same JSON decoder the ingest topology uses, and hands every good turn to a sink. Bad lines are
 * reported with their line numbers, never dropped silently; in strict mode the first one stops the replay.
 */
public final class TurnReplayer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayTimeline timeline;
    private final boolean strict;
    private final JsonTurnDecoder decoder = new JsonTurnDecoder();

    public TurnReplayer(ReplayTimeline timeline, boolean strict) {
        this.timeline = timeline;
        this.strict = strict;
    }

    /** Thrown in strict mode at the first bad line. */
    public static final class BadLineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadLineException(long lineNumber, String reason) {
            super("line " + lineNumber + ": " + reason + " (drop --strict to skip bad lines and report them)");
        }
    }

    public ReplayReport replay(TurnFile file, Consumer<TurnEvent> sink, LongConsumer progress) throws IOException {
        ReplayReport report = new ReplayReport();
        try (BufferedReader reader = file.open()) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = publishLine(line, sink, report);
                if (problem != null) {
                    if (strict) {
                        throw new BadLineException(lineNumber, problem);
                    }
                    report.bad(lineNumber, problem);
                }
                progress.accept(lineNumber);
            }
        }
        return report;
    }

    /** Publishes one line; returns why it could not be, or null. */
    private String publishLine(String line, Consumer<TurnEvent> sink, ReplayReport report) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return "not valid JSON: " + e.getOriginalMessage();
        }
        if (!(node instanceof ObjectNode turn)) {
            return "not a JSON object";
        }
        if (!turn.hasNonNull("event_time") && turn.path("conversation_id").isTextual()
                && turn.path("turn_index").canConvertToInt()) {
            turn.put("event_time", timeline.eventTime(turn.get("conversation_id").asText(),
                    turn.get("turn_index").asInt()).toEpochMilli());
        }
        DecodeResult result = decoder.decode(turn.toString().getBytes(StandardCharsets.UTF_8));
        if (result.isFailure()) {
            return result.firstFailure().map(f -> f.reason() + ": " + f.detail()).orElse("could not be decoded");
        }
        for (TurnEvent event : result.turns()) {
            sink.accept(event);
            report.published(event.getConversationId());
        }
        return null;
    }
}
