package dev.turnloop.pr.mechanism;

import dev.turnloop.pr.proposal.UntrustedText;
import dev.turnloop.schemas.Breach;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Names what in the prompt, harness or config causes a breach, by deterministic rules over its signals and
 * evidence, tried in order (causes before symptoms): repeated tool errors, an API-key setup loop, pasted chat
 * formatting in abandoned conversations, billing dead ends, a generation-quality metric, a human asked for after
 * repairs, dead ends. When none has enough support the diagnosis says so and asks for specific conversations to be
 * read; such items never get a pull request.
 */
public final class MechanismDiagnoser {
    /** How many conversations an unknown diagnosis asks a person to read. */
    static final int CONVERSATIONS_TO_READ = 5;
    private static final int MAX_ID = 80;

    private final MechanismSettings settings;
    private final List<MechanismRule> rules;

    public MechanismDiagnoser(MechanismSettings settings) {
        this.settings = settings;
        this.rules = List.of(new ToolErrorRule(settings), new ApiKeySetupRule(settings),
                new PastedFormattingRule(settings), new BillingDeadEndRule(settings), new GenerationQualityRule(settings),
                new HumanAfterRepairRule(settings), new DeadEndRule(settings));
    }

    public MechanismSettings settings() {
        return settings;
    }

    /** The mechanism behind {@code breach}, or an unknown diagnosis that names the conversations to read. */
    public Diagnosis diagnose(Breach breach) {
        BreachEvidence evidence = BreachEvidence.of(breach);
        for (MechanismRule rule : rules) {
            Optional<Diagnosis> diagnosis = rule.diagnose(evidence);
            if (diagnosis.isPresent()) {
                return diagnosis.get();
            }
        }
        return unknown(evidence);
    }

    /** The conversations among {@code conversations} that show the pattern behind {@code mechanismId}. */
    public List<ConversationEvidence> showing(String mechanismId, List<ConversationEvidence> conversations) {
        Optional<Mechanism.Parsed> parsed = Mechanism.parse(mechanismId);
        if (parsed.isEmpty()) {
            return List.of();
        }
        return conversations.stream().filter(c -> rules.stream().anyMatch(r -> r.shows(parsed.get(), c))).toList();
    }

    private Diagnosis unknown(BreachEvidence evidence) {
        List<String> ids = evidence.conversations().stream().map(c -> UntrustedText.token(c.conversationId(), MAX_ID))
                .filter(id -> !id.isEmpty()).toList();
        String metric = String.format(Locale.ROOT, "%s %.3f vs threshold %.3f",
                UntrustedText.token(evidence.metric(), MAX_ID), evidence.value(), evidence.threshold());
        String description = ids.isEmpty()
                ? "mechanism unknown: the breach carries no evidence conversations; read a sample of intent "
                        + UntrustedText.token(evidence.intentId(), MAX_ID) + " (" + metric + ")"
                : "mechanism unknown: read conversations " + ids.stream().limit(CONVERSATIONS_TO_READ)
                        .collect(Collectors.joining(", ")) + " (" + metric + "); no rule matched their signals";
        return new Diagnosis(Mechanism.UNKNOWN, null, description, settings.unknownFixCost(), ids);
    }
}
