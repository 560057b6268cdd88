package dev.turnloop.ingest.signals;

import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Builds the published records that describe a conversation: its summary and its cohort. */
public final class Summaries {

    private final List<String> segmentAttributes;

    public Summaries(List<String> segmentAttributes) {
        this.segmentAttributes = List.copyOf(segmentAttributes);
    }

    public ConversationSummary summarize(ConversationState s) {
        return ConversationSummary.newBuilder()
                .setConversationId(s.conversationId)
                .setTenant(s.tenant)
                .setProject(s.project)
                .setUserId(s.userId)
                .setStartedAt(Instant.ofEpochMilli(s.startedAt))
                .setLastTurnAt(Instant.ofEpochMilli(s.lastEventTime))
                .setClosedAt(Instant.ofEpochMilli(s.closedAt))
                .setOutcome(s.outcome)
                .setOutcomeReason(s.outcomeReason)
                .setTurns(s.turns)
                .setTurnDepth(Outcomes.turnDepth(s))
                .setUserTurns(s.userTurns)
                .setRepairTurns(s.repairTurns)
                .setNegativeTurns(s.negativeTurns)
                .setEscalationTurns(s.escalationTurns)
                .setDeadEndTurns(s.deadEndTurns)
                .setToolErrors(s.toolErrors)
                .setMinSentiment(s.minSentiment)
                .setMeanSentiment(s.userTurns == 0 ? 0f : (float) (s.sentimentSum / s.userTurns))
                .setFirstUserText(s.firstUserText)
                .setSignalTrail(List.copyOf(s.signalTrail))
                .setCohort(cohort(s))
                .setLateTurns(s.lateTurns)
                .setRevision(Math.max(1, s.summaryRevision))
                .build();
    }

    public Cohort cohort(ConversationState s) {
        return Cohort.newBuilder()
                .setAgentName(s.agentName)
                .setAgentVersion(s.agentVersion)
                .setPromptVersion(s.promptVersion)
                .setHarnessVersion(s.harnessVersion)
                .setConfigVersion(s.configVersion)
                .setSegment(segment(s.userAttributes))
                .setUserAttributes(Map.copyOf(s.userAttributes))
                .build();
    }

    /** The segment key from the configured user attributes, e.g. {@code plan=trial,user_type=new}. */
    public String segment(Map<String, String> attributes) {
        StringJoiner segment = new StringJoiner(",");
        for (String key : segmentAttributes) {
            String value = attributes.get(key);
            if (value != null && !value.isBlank()) {
                segment.add(key + "=" + value);
            }
        }
        return segment.toString();
    }
}
