package dev.turnloop.pr.mechanism;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Repeated errors of one tool ({@code tool_error:<tool>@n}) mean the harness gives that tool too little: too little
 * time when the users describe waiting or timeouts, too few retries otherwise. The tool comes from the signals, the
 * choice between the two remedies from fixed keywords; neither can pick a file, a path outside
 * {@code tools.<tool>} or a value.
 */
final class ToolErrorRule implements MechanismRule {
    private static final Pattern TIMEOUT_WORDS = Pattern.compile(
            "(?i)\\b(tim(e|ed|es|ing)[ -]?out|timeouts?|took too long|taking too long|too slow|not responding|no response"
                    + "|still waiting|keeps loading|hangs?)\\b");

    private final MechanismSettings settings;

    ToolErrorRule(MechanismSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Diagnosis> diagnose(BreachEvidence evidence) {
        Map<String, Integer> supportByTool = new TreeMap<>();
        evidence.conversations().forEach(c -> c.toolErrors().keySet().forEach(t -> supportByTool.merge(t, 1,
                Integer::sum)));
        int total = evidence.conversations().size();
        Optional<String> tool = supportByTool.entrySet().stream()
                .filter(e -> e.getValue() >= settings.requiredSupport(total))
                // most support wins; among equals, the alphabetically first tool, so the choice is deterministic
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey);
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        List<ConversationEvidence> supporting = evidence.conversations().stream()
                .filter(c -> c.toolErrors().containsKey(tool.get())).toList();
        long waiting = supporting.stream().filter(c -> TIMEOUT_WORDS.matcher(c.excerpt()).find()).count();
        boolean timeout = waiting * 2 >= supporting.size();
        String share = PatternRule.share(supporting.size(), total);
        String description = timeout
                ? "Calls to tool '" + tool.get() + "' fail or time out in " + share + " (tool_error:" + tool.get()
                        + "), and users describe waiting; the harness gives the tool too little time, so the agent answers"
                        + " without its result. Fix: raise the tool's timeout."
                : "Calls to tool '" + tool.get() + "' fail in " + share + " (tool_error:" + tool.get() + "); one transient"
                        + " failure ends the turn because the harness does not retry the call enough. Fix: raise the tool's"
                        + " retries.";
        Mechanism mechanism = timeout ? Mechanism.TOOL_TIMEOUT : Mechanism.TOOL_RETRIES;
        return Optional.of(new Diagnosis(mechanism, tool.get(), description, mechanism.fixCost(),
                supporting.stream().map(ConversationEvidence::conversationId).toList()));
    }

    @Override
    public boolean shows(Mechanism.Parsed parsed, ConversationEvidence conversation) {
        return parsed.mechanism().takesTool() && conversation.toolErrors().containsKey(parsed.tool());
    }
}
