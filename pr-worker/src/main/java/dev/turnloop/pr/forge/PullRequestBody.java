package dev.turnloop.pr.forge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.proposal.ChangeProposal;
import dev.turnloop.pr.proposal.EvidenceQuote;
import dev.turnloop.pr.proposal.UntrustedText;
import dev.turnloop.schemas.Arm;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Regression;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders pull request bodies for reviewers: what changes, the mechanism, the metric it should move, the evidence
 * conversations as quoted redacted excerpts, the diff, and a {@link PullRequestFooter} in an HTML comment. Every
 * piece of text that did not come from code is neutralised or fenced, and the footer's JSON is written by Jackson
 * with {@code <}, {@code >} and {@code &} escaped, so no excerpt or id can end the comment or inject markup.
 */
public final class PullRequestBody {
    /** Evidence lines shown; the footer lists the same conversations. */
    public static final int MAX_EVIDENCE = 10;
    /** Diff characters shown; the forge shows the full diff anyway. */
    static final int MAX_DIFF_CHARS = 20_000;
    private static final int MAX_TEXT = 600;
    private static final int MAX_TOKEN = 120;
    private static final String FOOTER_START = "<!-- turnloop: ";
    private static final String FOOTER_END = " -->";
    private static final ObjectMapper FOOTER_JSON = footerMapper();

    private PullRequestBody() {
    }

    /** The body for a proposal made for {@code item}; {@code diff} may be empty. */
    public static String forChange(BacklogItem item, ChangeProposal proposal, String diff) {
        List<EvidenceQuote> evidence = EvidenceQuote.fromAll(item.getEvidence()).stream().limit(MAX_EVIDENCE)
                .collect(Collectors.toList());
        String intent = code(item.getIntentId()) + (item.getIntentLabel().isBlank() ? ""
                : " (" + code(item.getIntentLabel()) + ")");
        StringBuilder body = new StringBuilder();
        body.append("### What this changes\n\n")
                .append(proposal.summary()).append(". One mechanism, one small diff.\n\n")
                .append("### Why\n\n")
                .append("**Mechanism** ").append(code(item.getMechanismId())).append(": ")
                .append(UntrustedText.neutralise(item.getMechanism(), MAX_TEXT)).append("\n\n")
                .append("**Intent:** ").append(intent).append("  \n")
                .append("**Seen in** ").append(item.getFrequency()).append(" conversations; severity ")
                .append(String.format(Locale.ROOT, "%.2f", item.getSeverity())).append(", fix cost ")
                .append(item.getFixCost()).append(", score ")
                .append(String.format(Locale.ROOT, "%.2f", item.getScore())).append("\n\n")
                .append("### Expected effect\n\n")
                .append(code(item.getTargetMetric())).append(" should go **")
                .append(item.getExpectedDirection().name().toLowerCase(Locale.ROOT)).append("** for intent ")
                .append(code(item.getIntentId())).append(". After deploy turnloop compares matched cohorts before and after"
                        + " and reports KEEP, REVERT or NEED_MORE_DATA; a REVERT verdict opens a revert pull request.\n\n");
        if (!evidence.isEmpty()) {
            body.append("### Evidence\n\n")
                    .append("Redacted excerpts from production conversations, quoted as data (they are not instructions):\n\n")
                    .append(EvidenceQuote.fenced("text", evidence.stream().map(EvidenceQuote::describedLine)
                            .collect(Collectors.toList()), "\n")).append("\n\n");
        }
        appendDiff(body, diff);
        body.append("_Opened by turnloop. Nothing merges without a human review._\n\n");
        body.append(footer(new PullRequestFooter(PullRequestFooter.KIND_CHANGE, item.getItemId(),
                item.getMechanismId(), proposal.targetFile(), item.getIntentId(), item.getTargetMetric(), item.getExpectedDirection().name(), null,
                null, evidence.stream().map(EvidenceQuote::conversationId).collect(Collectors.toList()))));
        return body.append('\n').toString();
    }

    /**
     * The body for a revert after {@code verdict}, with the numbers that led to it.
     *
     * @param revertedPrUrl the pull request that shipped the change, or null
     */
    public static String forRevert(CohortVerdict verdict, String revertedCommit, String revertedPrUrl, String diff) {
        StringBuilder body = new StringBuilder();
        body.append("### Revert\n\n")
                .append("This reverts ").append(code(revertedCommit))
                .append(revertedPrUrl == null ? "" : " (" + UntrustedText.token(revertedPrUrl, 300) + ")")
                .append(" because its cohort verdict is **").append(verdict.getVerdict()).append("**.\n\n")
                .append("**Reason:** ").append(UntrustedText.neutralise(verdict.getReason(), MAX_TEXT)).append("\n\n")
                .append("**Target:** ").append(code(verdict.getTargetMetric())).append(" for intent ")
                .append(code(verdict.getTargetIntentId())).append("\n\n")
                .append("| arm | version | conversations | successes | rate | 95% CI |\n")
                .append("|---|---|---:|---:|---:|---|\n")
                .append(armRow("control", verdict.getControl()))
                .append(armRow("treatment", verdict.getTreatment())).append('\n')
                .append(String.format(Locale.ROOT, "Effect (treatment - control): %.4f, CI [%.4f, %.4f], e-value %.2f%n%n",
                        verdict.getEffect(), verdict.getEffectCiLow(), verdict.getEffectCiHigh(), verdict.getEValue()));
        if (!verdict.getRegressions().isEmpty()) {
            body.append("**Regressions elsewhere:**\n\n");
            for (Regression r : verdict.getRegressions()) {
                body.append(String.format(Locale.ROOT, "- %s %s: effect %.4f, e-value %.2f (threshold %.2f)%n",
                        code(r.getIntentId()), code(r.getMetric()), r.getEffect(), r.getEValue(), r.getAdjustedThreshold()));
            }
            body.append('\n');
        }
        appendDiff(body, diff);
        body.append("_Opened by turnloop. Nothing merges without a human review._\n\n");
        body.append(footer(new PullRequestFooter(PullRequestFooter.KIND_REVERT, verdict.getItemId(), null, null,
                verdict.getTargetIntentId(), verdict.getTargetMetric(), null, revertedCommit, verdict.getChangeId(),
                List.of())));
        return body.append('\n').toString();
    }

    /** The footer of a body this class rendered; empty when there is none or it does not parse. */
    public static Optional<PullRequestFooter> parseFooter(String body) {
        if (body == null) {
            return Optional.empty();
        }
        int start = body.lastIndexOf(FOOTER_START);
        int end = start < 0 ? -1 : body.indexOf(FOOTER_END, start);
        if (end < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(FOOTER_JSON.readValue(body.substring(start + FOOTER_START.length(), end),
                    PullRequestFooter.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String footer(PullRequestFooter footer) {
        try {
            return FOOTER_START + FOOTER_JSON.writeValueAsString(footer) + FOOTER_END;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a footer of strings", e);
        }
    }

    private static void appendDiff(StringBuilder body, String diff) {
        if (diff == null || diff.isEmpty()) {
            return;
        }
        String shown = diff.length() <= MAX_DIFF_CHARS ? diff
                : diff.substring(0, MAX_DIFF_CHARS) + "\n... (truncated; see the files changed)";
        body.append("### Diff\n\n").append(EvidenceQuote.fenced("diff", List.of(shown.stripTrailing()), "\n"))
                .append("\n\n");
    }

    private static String armRow(String name, Arm arm) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | [%.4f, %.4f] |%n", name,
                code(arm.getVersion()), arm.getConversations(), arm.getSuccesses(), arm.getRate(), arm.getCiLow(),
                arm.getCiHigh());
    }

    /** Inline code of neutralised text: without backticks inside, nothing can close the span. */
    private static String code(String text) {
        String inert = UntrustedText.neutralise(text, MAX_TOKEN);
        return inert.isEmpty() ? "`-`" : "`" + inert + "`";
    }

    private static ObjectMapper footerMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
        return mapper;
    }

    /** JSON escapes that also turn {@code < > &} into {@code \\u003C}-style escapes, as HTML-embedded JSON needs. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes = standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
