package dev.turnloop.pr.mechanism;

import java.util.regex.Pattern;

/** Users repairing again and again around an API key, a token or a 401: the prompt lacks a setup walkthrough. */
final class ApiKeySetupRule extends PatternRule {
    private static final Pattern SETUP_WORDS = Pattern.compile(
            "(?i)\\b(api[ _-]?keys?|apikeys?|access[ _-]?tokens?|tokens?|401|unauthori[sz]ed|invalid (api )?key"
                    + "|authentication (failed|error)|not authenticated)\\b");

    ApiKeySetupRule(MechanismSettings settings) {
        super(settings);
    }

    @Override
    boolean matches(ConversationEvidence conversation) {
        return (conversation.repaired() || conversation.deadEnd()) && SETUP_WORDS.matcher(conversation.excerpt()).find();
    }

    @Override
    Mechanism mechanism() {
        return Mechanism.API_KEY_SETUP;
    }

    @Override
    String describe(int support, int total) {
        return "Users loop on API key or token setup (repairs or dead ends around \"api key\", \"token\" or 401 in "
                + share(support, total) + "); the system prompt has no step-by-step setup and error-handling"
                + " instruction.";
    }
}
