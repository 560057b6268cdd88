package dev.turnloop.pr.mechanism;

import java.util.Locale;
import java.util.Optional;

/**
 * A breach of a generation-quality metric (hallucinated or wrong answers) points at how the model samples, not at
 * the conversation flow: lower the temperature in the W&amp;B config. It needs no evidence pattern.
 */
final class GenerationQualityRule implements MechanismRule {
    private final MechanismSettings settings;

    GenerationQualityRule(MechanismSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Diagnosis> diagnose(BreachEvidence evidence) {
        if (!settings.generationQualityMetrics().contains(evidence.metric())) {
            return Optional.empty();
        }
        String description = String.format(Locale.ROOT, "%s is %.3f (threshold %.3f): the model's answers themselves"
                + " are unreliable, and a high sampling temperature makes them more so. Fix: lower %s in the W&B config.",
                evidence.metric(), evidence.value(), evidence.threshold(), settings.temperaturePath());
        return Optional.of(new Diagnosis(Mechanism.TEMPERATURE, null, description, Mechanism.TEMPERATURE.fixCost(),
                evidence.conversations().stream().map(ConversationEvidence::conversationId).toList()));
    }

    @Override
    public boolean shows(Mechanism.Parsed parsed, ConversationEvidence conversation) {
        return parsed.mechanism() == Mechanism.TEMPERATURE;
    }
}
