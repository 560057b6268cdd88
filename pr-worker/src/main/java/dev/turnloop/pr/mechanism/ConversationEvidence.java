package dev.turnloop.pr.mechanism;

import dev.turnloop.schemas.Evidence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One evidence conversation as facts the rules can test: its signal trail parsed ({@code repair:explicit_phrase@3},
 * {@code dead_end@5}, {@code tool_error:search@2}, {@code human_requested@4}, {@code handoff_offered@3}), how it
 * ended ({@code abandoned}, {@code inactivity_after_dead_end}, ...), and the redacted excerpt. The excerpt is only
 * ever matched against fixed patterns here; it never becomes part of a mechanism, a path or a value.
 */
public record ConversationEvidence(String conversationId, String excerpt, Map<String, Integer> toolErrors,
        List<Integer> repairTurns, List<Integer> humanRequestTurns, int deadEnds, int handoffOffers, String outcome,
        Evidence source) {
    private static final Pattern SIGNAL = Pattern.compile("([a-z_]+)(?::([^@]*))?@(\\d{1,6})");

    public ConversationEvidence {
        toolErrors = Collections.unmodifiableMap(new TreeMap<>(toolErrors));
        repairTurns = List.copyOf(repairTurns);
        humanRequestTurns = List.copyOf(humanRequestTurns);
    }

    /** Parses one evidence record; signals it does not know are ignored. */
    public static ConversationEvidence of(Evidence evidence) {
        Map<String, Integer> toolErrors = new LinkedHashMap<>();
        List<Integer> repairs = new ArrayList<>();
        List<Integer> humanRequests = new ArrayList<>();
        int deadEnds = 0;
        int handoffOffers = 0;
        for (String signal : evidence.getSignals()) {
            Matcher m = SIGNAL.matcher(signal.strip());
            if (!m.matches()) {
                continue;
            }
            int turn = Integer.parseInt(m.group(3));
            switch (m.group(1)) {
                case "repair" -> repairs.add(turn);
                case "human_requested" -> humanRequests.add(turn);
                case "dead_end" -> deadEnds++;
                case "handoff_offered" -> handoffOffers++;
                case "tool_error" -> {
                    String tool = m.group(2);
                    if (tool != null && Mechanism.TOOL_NAME.matcher(tool).matches()) {
                        toolErrors.merge(tool, 1, Integer::sum);
                    }
                }
                default -> {
                    // resolution, negative sentiment and other signals do not name a mechanism on their own
                }
            }
        }
        return new ConversationEvidence(evidence.getConversationId(), evidence.getExcerpt(), toolErrors, repairs,
                humanRequests, deadEnds, handoffOffers, evidence.getOutcome().toLowerCase(Locale.ROOT), evidence);
    }

    /** Every record, one per conversation (the first record of a conversation wins). */
    public static List<ConversationEvidence> ofAll(List<Evidence> evidence) {
        Set<String> seen = new LinkedHashSet<>();
        List<ConversationEvidence> out = new ArrayList<>();
        for (Evidence e : evidence) {
            if (seen.add(e.getConversationId())) {
                out.add(of(e));
            }
        }
        return out;
    }

    /** The user left without a result. */
    public boolean abandoned() {
        return outcome.contains("abandon") || outcome.startsWith("inactivity") || outcome.contains("user_left");
    }

    /** The agent said it could not help, by a signal or as the reason the conversation ended. */
    public boolean deadEnd() {
        return deadEnds > 0 || outcome.contains("dead_end");
    }

    /** The user had to correct or repeat themselves at least once. */
    public boolean repaired() {
        return !repairTurns.isEmpty();
    }

    /** The user asked for a person after having had to repair. */
    public boolean humanAfterRepair() {
        if (repairTurns.isEmpty()) {
            return false;
        }
        int firstRepair = Collections.min(repairTurns);
        return humanRequestTurns.stream().anyMatch(t -> t >= firstRepair) || outcome.contains("human");
    }
}
