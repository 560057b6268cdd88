package dev.turnloop.intent.topology;

import dev.turnloop.schemas.ConversationSummary;

/** What the per-task request processor reacts to: a conversation's first request, or its close. */
sealed interface RequestEvent {

    /** The first user turn of a live conversation (text not yet redacted). */
    record FirstRequest(String conversationId, String text, String userId, long eventTime) implements RequestEvent {
    }

    /** The conversation closed; its summary carries the redacted request. */
    record Closed(ConversationSummary summary) implements RequestEvent {
    }
}
