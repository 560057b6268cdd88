package dev.turnloop.pr.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.schemas.Evidence;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A conversation excerpt as quotable data. Excerpts are user text (redacted upstream) and may contain anything,
 * including "ignore previous instructions"; this type is the only way they reach a file or a PR body, and it makes
 * them inert: neutralised by {@link UntrustedText}, capped, rendered as a JSON-escaped string on one line inside a
 * fenced block that no excerpt can close (excerpts never contain a backtick after neutralising).
 */
public final class EvidenceQuote {
    /** Long enough to recognise the situation, short enough that a quote cannot carry a payload of its own. */
    public static final int MAX_EXCERPT_CODE_POINTS = 240;
    static final int MAX_ID_LENGTH = 80;
    private static final int MAX_SIGNALS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String conversationId;
    private final String text;
    private final List<String> signals;
    private final String outcome;

    private EvidenceQuote(String conversationId, String text, List<String> signals, String outcome) {
        this.conversationId = conversationId;
        this.text = text;
        this.signals = signals;
        this.outcome = outcome;
    }

    /** A quote of {@code excerpt} from conversation {@code conversationId}, without signals. */
    public static EvidenceQuote of(String conversationId, String excerpt) {
        return new EvidenceQuote(UntrustedText.token(conversationId, MAX_ID_LENGTH),
                UntrustedText.neutralise(excerpt, MAX_EXCERPT_CODE_POINTS), List.of(), "");
    }

    /** A quote of an Avro {@link Evidence} record, keeping its signals and outcome as sanitised tokens. */
    public static EvidenceQuote from(Evidence evidence) {
        Objects.requireNonNull(evidence, "evidence");
        List<String> signals = evidence.getSignals().stream().limit(MAX_SIGNALS)
                .map(s -> UntrustedText.token(s, MAX_ID_LENGTH)).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        return new EvidenceQuote(UntrustedText.token(evidence.getConversationId(), MAX_ID_LENGTH),
                UntrustedText.neutralise(evidence.getExcerpt(), MAX_EXCERPT_CODE_POINTS), List.copyOf(signals),
                UntrustedText.token(evidence.getOutcome(), MAX_ID_LENGTH));
    }

    /** Quotes every record of {@code evidence}, in order. */
    public static List<EvidenceQuote> fromAll(List<Evidence> evidence) {
        return evidence.stream().map(EvidenceQuote::from).collect(Collectors.toUnmodifiableList());
    }

    public String conversationId() {
        return conversationId;
    }

    /** The neutralised excerpt, without quotes. */
    public String text() {
        return text;
    }

    public List<String> signals() {
        return signals;
    }

    public String outcome() {
        return outcome;
    }

    /** The excerpt as a JSON string literal, so quotes and backslashes inside it stay visibly part of the data. */
    public String quoted() {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a plain string", e);
        }
    }

    /** One line for a PR body: {@code conv-1 [repair@3, dead_end@5] abandoned: "excerpt"}. */
    public String describedLine() {
        StringBuilder line = new StringBuilder(conversationId.isEmpty() ? "(no id)" : conversationId);
        if (!signals.isEmpty()) {
            line.append(" [").append(String.join(", ", signals)).append(']');
        }
        if (!outcome.isEmpty()) {
            line.append(' ').append(outcome);
        }
        return line.append(": ").append(quoted()).toString();
    }

    /**
     * A fenced block holding {@code lines}. The fence is one backtick longer than any backtick run in the lines, so
     * even text that was not neutralised (a diff, say) cannot close it early.
     */
    public static String fenced(String infoString, List<String> lines, String newline) {
        String fence = fenceFor(String.join("\n", lines));
        return fence + infoString + newline + String.join(newline, lines) + newline + fence;
    }

    static String fenceFor(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    @Override
    public String toString() {
        return "EvidenceQuote[" + describedLine() + "]";
    }
}
