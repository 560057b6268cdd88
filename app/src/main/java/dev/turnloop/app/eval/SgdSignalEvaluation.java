package dev.turnloop.app.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.app.replay.ReplayTimeline;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.app.replay.TurnReplayer;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Scores the ingest topology's signals on Schema-Guided Dialogue: the turns are replayed through the production
 * topology (via {@link IngestDriver}), and its conversation summaries and per-turn signals are compared with the gold
 * dialogue acts, which the pipeline never sees.
 *
 * <ul>
 *   <li>completion: a conversation is gold-completed when a system turn carries NOTIFY_SUCCESS (the agent confirming
 *       a task done). Predicted: a COMPLETED outcome with a confirmed resolution (the agent confirmed success, a
 *       resolution tool, an end marker, feedback or the user saying it worked). Completions resting only on a warm
 *       user closing are scored separately ({@code completion_any_*}), since SGD does not count an answered question
 *       as a completed task;</li>
 *   <li>repair (a proxy): a user turn is gold-repair when it carries NEGATE or REQUEST_ALTS. Over a third of those
 *       turns are closings ("No, that's all. Thanks.": NEGATE with THANK_YOU or GOODBYE), which no repair detector
 *       should flag, so a stricter proxy leaves them out ({@code repair_strict_*}): REQUEST_ALTS, or NEGATE without
 *       THANK_YOU or GOODBYE.</li>
 * </ul>
 */
public final class SgdSignalEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The scores, keyed as the {@code --json} output prints them. */
    public record Result(long conversations, long turns, double goldCompletedShare, BinaryScores completion,
            BinaryScores completionAny, BinaryScores repair, BinaryScores repairStrict, double turnsPerSecond) {
    }

    private SgdSignalEvaluation() {
    }

    public static Result run(TurnFile turnsFile, TurnFile goldFile) throws IOException {
        Gold gold = Gold.read(goldFile);
        IngestSettings settings = IngestSettings.defaults();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long startNanos = System.nanoTime();
        long turns;
        Map<String, ConversationSummary> summaries = new HashMap<>();
        BinaryScores repair = new BinaryScores();
        BinaryScores repairStrict = new BinaryScores();
        try (IngestDriver driver = new IngestDriver(settings, start.plus(Duration.ofDays(400)))) {
            TurnReplayer replayer = new TurnReplayer(new ReplayTimeline(start, Duration.ofSeconds(30),
                    Duration.ofSeconds(15)), false);
            turns = replayer.replay(turnsFile, driver::send, line -> { }).published();
            driver.closeAll();
            for (ConversationSummary summary : driver.summaries()) {
                summaries.put(summary.getConversationId(), summary);
            }
            for (EnrichedTurn turn : driver.enrichedTurns()) {
                if (turn.getTurn().getRole() == Role.USER) {
                    String key = turn.getTurn().getConversationId() + "#" + turn.getTurn().getTurnIndex();
                    repair.add(turn.getSignals().getRepair(), gold.repairTurns.contains(key));
                    repairStrict.add(turn.getSignals().getRepair(), gold.strictRepairTurns.contains(key));
                }
            }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;

        BinaryScores completion = new BinaryScores();
        BinaryScores completionAny = new BinaryScores();
        for (String conversation : gold.conversations) {
            ConversationSummary summary = summaries.get(conversation);
            boolean completed = summary != null && summary.getOutcome() == Outcome.COMPLETED;
            boolean confirmed = completed && !"user_closing".equals(summary.getOutcomeReason());
            boolean goldCompleted = gold.completed.contains(conversation);
            completion.add(confirmed, goldCompleted);
            completionAny.add(completed, goldCompleted);
        }
        return new Result(gold.conversations.size(), turns,
                (double) gold.completed.size() / Math.max(1, gold.conversations.size()), completion, completionAny,
                repair, repairStrict, turns / seconds);
    }

    /** The gold labels: completed conversations and repair-like user turns (all, and without closings). */
    private record Gold(Set<String> conversations, Set<String> completed, Set<String> repairTurns,
            Set<String> strictRepairTurns) {

        static Gold read(TurnFile file) throws IOException {
            Set<String> conversations = new HashSet<>();
            Set<String> completed = new HashSet<>();
            Set<String> repairTurns = new HashSet<>();
            Set<String> strictRepairTurns = new HashSet<>();
            try (BufferedReader reader = file.open()) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    String conversation = node.path("conversation_id").asText();
                    conversations.add(conversation);
                    Set<String> acts = new HashSet<>();
                    node.path("acts").forEach(act -> acts.add(act.asText()));
                    if (acts.contains("NOTIFY_SUCCESS")) {
                        completed.add(conversation);
                    }
                    String turn = conversation + "#" + node.path("turn_index").asInt();
                    if (acts.contains("NEGATE") || acts.contains("REQUEST_ALTS")) {
                        repairTurns.add(turn);
                    }
                    boolean closing = acts.contains("THANK_YOU") || acts.contains("GOODBYE");
                    if (acts.contains("REQUEST_ALTS") || (acts.contains("NEGATE") && !closing)) {
                        strictRepairTurns.add(turn);
                    }
                }
            }
            return new Gold(conversations, completed, repairTurns, strictRepairTurns);
        }
    }
}
