package dev.turnloop.app.demo;

import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Plays recorded conversations as live traffic: a number of them are open at once, each says its next turn every
 * {@code turnGap} (scaled by speed), with event times from the wall clock, so the pipeline sees what a production
 * agent would publish. Conversations that finish are replaced by the next ones in the library.
 */
public final class LiveTraffic {

    private final Deque<ConversationLibrary.Recorded> library;
    private final int concurrent;
    private final Duration turnGap;
    private final Random random = new Random(17);
    private final List<Playing> playing = new ArrayList<>();
    private long sent;

    private static final class Playing {
        final ConversationLibrary.Recorded conversation;
        final String userId;
        final Map<String, String> attributes;
        int next;
        Instant due;

        Playing(ConversationLibrary.Recorded conversation, String userId, Map<String, String> attributes,
                Instant due) {
            this.conversation = conversation;
            this.userId = userId;
            this.attributes = attributes;
            this.due = due;
        }
    }

    public LiveTraffic(List<ConversationLibrary.Recorded> library, int concurrent, Duration turnGap) {
        this.library = new ArrayDeque<>(library);
        this.concurrent = concurrent;
        this.turnGap = turnGap;
    }

    /** Publishes every turn that is due at {@code now}; returns how many. False once the library is exhausted. */
    public int tick(Instant now, String promptVersion, Consumer<TurnEvent> publish) {
        while (playing.size() < concurrent && !library.isEmpty()) {
            ConversationLibrary.Recorded next = library.poll();
            boolean trial = random.nextInt(3) == 0;
            playing.add(new Playing(next, "u-" + random.nextInt(400),
                    Map.of("plan", trial ? "trial" : "pro", "user_type", random.nextInt(4) == 0 ? "new" : "returning"),
                    now.plusMillis(random.nextInt((int) Math.max(1, turnGap.toMillis())))));
        }
        int published = 0;
        for (var iterator = playing.iterator(); iterator.hasNext();) {
            Playing p = iterator.next();
            if (p.due.isAfter(now)) {
                continue;
            }
            ConversationLibrary.RecordedTurn turn = p.conversation.turns().get(p.next);
            publish.accept(TurnEvent.newBuilder()
                    .setEventId(p.conversation.id() + "#" + p.next)
                    .setConversationId(p.conversation.id())
                    .setTurnIndex(p.next)
                    .setEventTime(now)
                    .setRole("assistant".equalsIgnoreCase(turn.role()) ? Role.ASSISTANT : Role.USER)
                    .setText(turn.text())
                    .setAgentName("sgd-replay")
                    .setPromptVersion(promptVersion)
                    .setUserId(p.userId)
                    .setUserAttributes(p.attributes)
                    .build());
            published++;
            sent++;
            p.next++;
            p.due = now.plus(turnGap);
            if (p.next >= p.conversation.turns().size()) {
                iterator.remove();
            }
        }
        return published;
    }

    public boolean exhausted() {
        return library.isEmpty() && playing.isEmpty();
    }

    public long sent() {
        return sent;
    }
}
