package dev.turnloop.app.bench;

import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.serde.TrustedContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fixed, seeded synthetic load for benchmarks: conversations of 4 to 14 turns, interleaved as live traffic is, with
 * user and agent texts of realistic length, cohort fields and occasional tool calls. By default the runtime ends each
 * conversation on its last turn (an end marker: mostly RESOLVED, some USER_LEFT and HANDED_OFF), so summaries flow
 * steadily; {@link #leavingConversationsOpen} leaves them open, for measuring what open conversations cost. Labelled
 * synthetic: it measures speed, never quality.
 */
public final class SyntheticTurns {

    /** Event times advance this much per turn unless told otherwise. */
    public static final Duration DEFAULT_STEP = Duration.ofMillis(10);

    private static final List<String> USER = List.of(
            "How do I connect my Slack workspace to the dashboard? I tried the integrations page twice.",
            "my api key keeps returning 401 unauthorized even after I regenerated it this morning",
            "Can you explain why I was billed twice for the pro plan this month?",
            "I want to export all my data as CSV, where is that option?",
            "that's not what I asked, I need the billing address changed, not the shipping one",
            "This is so frustrating, nothing works and I have a demo in an hour!",
            "Can I talk to a human please",
            "thanks, that fixed it!");
    private static final List<String> AGENT = List.of(
            "You can connect Slack from Settings > Integrations. Click Connect and approve the permissions.",
            "I'm sorry, I can't help with billing disputes. Is there anything else I can do?",
            "Your export has been started and you will get an email with the CSV shortly.",
            "Please confirm: you want to change the billing address to the one on file?",
            "Let me check that for you. One moment while I look up your account.",
            "I'm transferring you to a human agent who can help with this.");

    private final Random random;
    private final int conversationsInFlight;
    private final Instant start;
    private final long stepNanos;
    private final boolean endConversations;
    private final int[] nextTurn;
    private final int[] length;
    private final long[] conversationIds;
    private long nextConversation;
    private long produced;
    private long ended;

    /** Conversations that end with an end marker, event times {@link #DEFAULT_STEP} apart from {@code start}. */
    public SyntheticTurns(long seed, int conversationsInFlight, Instant start) {
        this(seed, conversationsInFlight, start, DEFAULT_STEP, true);
    }

    private SyntheticTurns(long seed, int conversationsInFlight, Instant start, Duration step,
            boolean endConversations) {
        if (conversationsInFlight < 1 || step.isNegative()) {
            throw new IllegalArgumentException("need at least one conversation in flight and a non-negative step");
        }
        TrustedContract.install(); // Avro builders read defaults only of trusted classes
        this.random = new Random(seed);
        this.conversationsInFlight = conversationsInFlight;
        this.start = start;
        this.stepNanos = step.toNanos();
        this.endConversations = endConversations;
        this.nextTurn = new int[conversationsInFlight];
        this.length = new int[conversationsInFlight];
        this.conversationIds = new long[conversationsInFlight];
        for (int slot = 0; slot < conversationsInFlight; slot++) {
            newConversation(slot);
        }
    }

    /**
     * Conversations without end markers: each stays open once its last turn is out (until an inactivity gap in event
     * time closes it, so pick {@code step} small enough that the whole load spans less than the gap).
     */
    public static SyntheticTurns leavingConversationsOpen(long seed, int conversationsInFlight, Instant start,
            Duration step) {
        return new SyntheticTurns(seed, conversationsInFlight, start, step, false);
    }

    private void newConversation(int slot) {
        conversationIds[slot] = nextConversation++;
        nextTurn[slot] = 0;
        length[slot] = 4 + random.nextInt(11);
    }

    /** The next turn, from a random conversation in flight; event times advance one step per turn. */
    public TurnEvent next() {
        return next(start.plusNanos(produced * stepNanos));
    }

    public TurnEvent next(Instant eventTime) {
        int slot = random.nextInt(conversationsInFlight);
        String conversation = "syn-" + conversationIds[slot];
        int index = nextTurn[slot]++;
        boolean user = index % 2 == 0;
        TurnEvent.Builder turn = TurnEvent.newBuilder()
                .setEventId(conversation + "#" + index)
                .setConversationId(conversation)
                .setTurnIndex(index)
                .setEventTime(eventTime)
                .setRole(user ? Role.USER : Role.ASSISTANT)
                .setText(user ? USER.get(random.nextInt(USER.size())) : AGENT.get(random.nextInt(AGENT.size())))
                .setAgentName("synthetic-support-bot")
                .setPromptVersion("p" + (1 + random.nextInt(2)))
                .setUserId("u-" + conversationIds[slot] % 5000)
                .setUserAttributes(Map.of("plan", random.nextBoolean() ? "trial" : "pro", "user_type",
                        random.nextInt(4) == 0 ? "new" : "returning"));
        if (!user && random.nextInt(5) == 0) {
            turn.setToolCalls(List.of(ToolCall.newBuilder().setName("search_docs")
                    .setStatus(random.nextInt(6) == 0 ? ToolStatus.TIMEOUT : ToolStatus.OK)
                    .setLatencyMs(50 + random.nextInt(900)).build()));
        }
        if (nextTurn[slot] >= length[slot]) {
            if (endConversations) {
                turn.setEnd(EndMarker.newBuilder().setReason(endReason()).build());
                ended++;
            }
            newConversation(slot);
        }
        produced++;
        return turn.build();
    }

    /** Three in four resolved; the rest the user left or the agent handed off. */
    private EndReason endReason() {
        int roll = random.nextInt(20);
        return roll < 15 ? EndReason.RESOLVED : roll < 18 ? EndReason.USER_LEFT : EndReason.HANDED_OFF;
    }

    /** Conversations that have produced at least one turn. */
    public long conversationsStarted() {
        long notYetStarted = 0;
        for (int turn : nextTurn) {
            notYetStarted += turn == 0 ? 1 : 0;
        }
        return nextConversation - notYetStarted;
    }

    /** Conversations whose last turn, carrying the end marker, has been produced. */
    public long conversationsEnded() {
        return ended;
    }

    public long turnsProduced() {
        return produced;
    }
}
