package dev.turnloop.dashboard.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the dashboard API (snake_case, times as epoch milliseconds). Every text in them has been
 * redacted, and intents below the privacy gate carry no name, examples or conversations.
 */
public final class Rows {

    private Rows() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Overview(Map<String, Long> recordsByTopic, Map<String, Long> outcomes, long conversations,
            int intents, int intentsPublished, int openBreaches, int backlogOpen, long prsOpened, long prsMerged,
            long prsReverted, Map<String, Long> verdicts, List<String> syntheticAgents, long updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IntentRow(String intentId, String label, String themeId, String themeLabel, List<String> keyphrases,
            long conversations, long distinctUsers, boolean published, String status, List<long[]> volume,
            Map<String, Long> outcomes, Map<String, Long> kinds, List<String> flags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IntentDetail(IntentRow intent, List<String> examples, List<String> lineage,
            Map<String, Long> agents, List<ConversationRow> conversations, List<EventRow> events) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConversationRow(String conversationId, String outcome, String outcomeReason, int turns,
            int turnDepth, int repairTurns, int negativeTurns, int escalationTurns, String firstUserText,
            List<String> signals, String agent, String promptVersion, String harnessVersion, String configVersion,
            long closedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EvidenceRow(String conversationId, String excerpt, List<String> signals, String outcome) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BacklogRow(String itemId, int rank, String intentId, String intentLabel, String mechanismId,
            String mechanism, boolean mechanismKnown, String targetMetric, String expectedDirection, long frequency,
            double severity, String fixCost, double score, String status, List<EvidenceRow> evidence,
            String prUrl, String branch, long updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ArmRow(String version, long conversations, long successes, double rate, double ciLow,
            double ciHigh) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VerdictRow(String changeId, String itemId, String verdict, String reason, String targetIntentId,
            String targetIntentLabel, String targetMetric, ArmRow control, ArmRow treatment, double effect,
            double effectCiLow, double effectCiHigh, double eValue, List<String> regressions, String component,
            boolean isRevert, String prUrl, long decidedAt) {
    }

    /** A new or spiking intent, or a breach opening or resolving. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EventRow(String kind, String intentId, String intentLabel, String detail, long at) {
    }
}
