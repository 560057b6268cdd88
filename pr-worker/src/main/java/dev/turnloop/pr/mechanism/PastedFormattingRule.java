package dev.turnloop.pr.mechanism;

import java.util.regex.Pattern;

/**
 * Abandoned conversations whose excerpts hold pasted chat markup (Slack mentions like {@code <@U123>}, channel and
 * link markup, code fences, {@code *bold*}, {@code ~strike~}): the prompt does not say how to read pasted
 * formatting.
 */
final class PastedFormattingRule extends PatternRule {
    private static final Pattern MARKUP = Pattern.compile(String.join("|",
            "<@[A-Z0-9]{2,}>",                          // Slack user mention
            "<#[A-Z0-9]{2,}(\\|[^>]*)?>",               // Slack channel
            "<!(here|channel|everyone)>",               // Slack broadcast
            "<https?://[^>|\\s]+\\|[^>]+>",             // Slack link with label
            "```",                                      // code fence
            "(?<![\\w*])\\*[^*\\s][^*\\n]{0,80}\\*(?![\\w*])", // *bold*
            "(?<![\\w~])~[^~\\s][^~\\n]{0,80}~(?![\\w~])"));   // ~strike~

    PastedFormattingRule(MechanismSettings settings) {
        super(settings);
    }

    @Override
    boolean matches(ConversationEvidence conversation) {
        return conversation.abandoned() && MARKUP.matcher(conversation.excerpt()).find();
    }

    @Override
    Mechanism mechanism() {
        return Mechanism.PASTED_FORMATTING;
    }

    @Override
    String describe(int support, int total) {
        return "Conversations that end abandoned contain pasted Slack or markdown formatting (mentions, code fences,"
                + " *bold*) in " + share(support, total) + "; the system prompt does not tell the agent how to handle"
                + " pasted Slack formatting.";
    }
}
