package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.Role;

/**
 * A GenAI message reduced to what a turn keeps: who said it and its text parts joined. Tool-call requests, tool
 * results and media parts leave no text, so an assistant message that only requests tools has blank text.
 */
record ChatMessage(Role role, String text) {

    /**
     * Whether the message is a conversation turn a person would count: anything a user or human agent said, and
     * assistant messages with text. System prompts, tool results and tool-call-only steps are not.
     */
    boolean isConversational() {
        return switch (role) {
            case USER, HUMAN_AGENT -> true;
            case ASSISTANT -> !text.isBlank();
            default -> false;
        };
    }
}
