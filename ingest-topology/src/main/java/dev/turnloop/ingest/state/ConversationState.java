package dev.turnloop.ingest.state;

import dev.turnloop.schemas.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the ingest topology remembers about one conversation, open or recently closed: identity and cohort,
 * ordering and de-duplication bookkeeping, running signal counts, and the little context that signal detection
 * needs (fingerprints of earlier user requests, what the agent said last). One value per conversation in the
 * {@code open-conversations} store, which holds recently active ones decoded (see {@link ConversationStateStore}).
 *
 * <p>Mutable on purpose: a processor loads it, applies a turn, and writes it back.
 */
public final class ConversationState {

    public static final int RECENT_EVENT_IDS = 16;
    public static final int MAX_USER_FINGERPRINTS = 4;
    public static final int MAX_TRAIL = 32;
    /** User attributes kept, the first distinct keys seen (a turn may carry 64 by default; later turns add up). */
    public static final int MAX_USER_ATTRIBUTES = 64;
    /** Turns held for a missing predecessor before the gap is given up on, as after the reorder grace. */
    public static final int MAX_PENDING = 64;
    public static final int NOT_YET = -1;

    // -- lifecycle (encoded first, at fixed offsets, so scans can read it without decoding the rest)
    public boolean closed;
    public long lastEventTime;
    public long closedAt;

    // -- identity and cohort, from the latest turn
    public String conversationId = "";
    public String tenant = "default";
    public String project = "default";
    public String userId;
    public String agentName = "";
    public String agentVersion = "";
    public String promptVersion = "";
    public String harnessVersion = "";
    public String configVersion = "";
    public Map<String, String> userAttributes = new LinkedHashMap<>();
    public long startedAt;

    // -- ordering and de-duplication
    public int nextIndex;
    public int[] skippedIndices = new int[0];
    public long[] recentEventIds = new long[RECENT_EVENT_IDS];
    public int recentEventIdCount;
    public List<PendingTurn> pending = new ArrayList<>();

    // -- running counts
    public int turns;
    public int userTurns;
    public int repairTurns;
    public int negativeTurns;
    public int escalationTurns;
    public int deadEndTurns;
    public int toolErrors;
    public int lateTurns;
    public double sentimentSum;
    public float minSentiment;
    public int resolvedAtDepth = NOT_YET;
    public String resolutionReason = "";
    public int escalatedAtDepth = NOT_YET;
    public String escalationReason = "";
    public boolean humanRequested;
    public boolean lastAgentTurnWasDeadEnd;
    public boolean lastAgentOfferedMoreHelp;
    public boolean lastAgentAskedConfirmation;
    public boolean userConfirmedAction;
    public String firstUserText = "";
    public List<String> signalTrail = new ArrayList<>();
    public List<byte[]> userFingerprints = new ArrayList<>();

    // -- outcome, once closed
    public Outcome outcome = Outcome.UNKNOWN;
    public String outcomeReason = "";
    public int summaryRevision;

    /**
     * A copy that no change to this state reaches (its arrays and collections are copied; strings, fingerprints and
     * pending turns are never changed in place).
     */
    public ConversationState copy() {
        ConversationState c = new ConversationState();
        c.closed = closed;
        c.lastEventTime = lastEventTime;
        c.closedAt = closedAt;
        c.conversationId = conversationId;
        c.tenant = tenant;
        c.project = project;
        c.userId = userId;
        c.agentName = agentName;
        c.agentVersion = agentVersion;
        c.promptVersion = promptVersion;
        c.harnessVersion = harnessVersion;
        c.configVersion = configVersion;
        c.userAttributes = new LinkedHashMap<>(userAttributes);
        c.startedAt = startedAt;
        c.nextIndex = nextIndex;
        c.skippedIndices = skippedIndices.clone();
        c.recentEventIds = recentEventIds.clone();
        c.recentEventIdCount = recentEventIdCount;
        c.pending = new ArrayList<>(pending);
        c.turns = turns;
        c.userTurns = userTurns;
        c.repairTurns = repairTurns;
        c.negativeTurns = negativeTurns;
        c.escalationTurns = escalationTurns;
        c.deadEndTurns = deadEndTurns;
        c.toolErrors = toolErrors;
        c.lateTurns = lateTurns;
        c.sentimentSum = sentimentSum;
        c.minSentiment = minSentiment;
        c.resolvedAtDepth = resolvedAtDepth;
        c.resolutionReason = resolutionReason;
        c.escalatedAtDepth = escalatedAtDepth;
        c.escalationReason = escalationReason;
        c.humanRequested = humanRequested;
        c.lastAgentTurnWasDeadEnd = lastAgentTurnWasDeadEnd;
        c.lastAgentOfferedMoreHelp = lastAgentOfferedMoreHelp;
        c.lastAgentAskedConfirmation = lastAgentAskedConfirmation;
        c.userConfirmedAction = userConfirmedAction;
        c.firstUserText = firstUserText;
        c.signalTrail = new ArrayList<>(signalTrail);
        c.userFingerprints = new ArrayList<>(userFingerprints);
        c.outcome = outcome;
        c.outcomeReason = outcomeReason;
        c.summaryRevision = summaryRevision;
        return c;
    }

    public boolean sawEventId(long eventIdHash) {
        int n = Math.min(recentEventIdCount, RECENT_EVENT_IDS);
        for (int i = 0; i < n; i++) {
            if (recentEventIds[i] == eventIdHash) {
                return true;
            }
        }
        return false;
    }

    public void rememberEventId(long eventIdHash) {
        recentEventIds[recentEventIdCount % RECENT_EVENT_IDS] = eventIdHash;
        recentEventIdCount++;
    }

    public boolean isSkipped(int turnIndex) {
        return Arrays.stream(skippedIndices).anyMatch(i -> i == turnIndex);
    }

    public void unskip(int turnIndex) {
        skippedIndices = Arrays.stream(skippedIndices).filter(i -> i != turnIndex).toArray();
    }

    public void skip(int fromInclusive, int toExclusive) {
        int[] more = new int[Math.max(0, toExclusive - fromInclusive)];
        for (int i = 0; i < more.length; i++) {
            more[i] = fromInclusive + i;
        }
        int[] all = Arrays.copyOf(skippedIndices, skippedIndices.length + more.length);
        System.arraycopy(more, 0, all, skippedIndices.length, more.length);
        // a conversation that skips thousands of indices is broken input; remember only the most recent gaps
        skippedIndices = all.length > 256 ? Arrays.copyOfRange(all, all.length - 256, all.length) : all;
    }

    public boolean isPending(int turnIndex) {
        return pending.stream().anyMatch(p -> p.turnIndex() == turnIndex);
    }

    public void addTrail(String entry) {
        if (signalTrail.size() < MAX_TRAIL) {
            signalTrail.add(entry);
        }
    }

    public void rememberUserFingerprint(byte[] fingerprint) {
        userFingerprints.add(fingerprint);
        if (userFingerprints.size() > MAX_USER_FINGERPRINTS) {
            userFingerprints.remove(0);
        }
    }

    public boolean isResolved() {
        return resolvedAtDepth != NOT_YET;
    }

    public boolean isEscalated() {
        return escalatedAtDepth != NOT_YET;
    }
}
