package dev.turnloop.pr.mechanism;

import dev.turnloop.pr.proposal.ChangeProposal;
import dev.turnloop.pr.proposal.EvidenceQuote;
import dev.turnloop.pr.proposal.InstructionText;
import dev.turnloop.pr.proposal.JsonSettingProposal;
import dev.turnloop.pr.proposal.PromptInstructionProposal;
import dev.turnloop.pr.proposal.ScalarValue;
import dev.turnloop.pr.proposal.SettingPath;
import dev.turnloop.pr.proposal.TargetKind;
import dev.turnloop.pr.proposal.YamlSettingProposal;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.BacklogItem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * Turns a backlog item's mechanism into one change proposal. Everything a proposal writes is decided here by code:
 * the file comes from the target repository config (first listed file of the right kind that has the setting), the
 * path from the settings, the value from the file's current value and the settings' step and limits, instruction
 * text from {@link RuleTemplates}. The item's evidence only contributes quoted examples to prompt proposals.
 */
public final class RemedyPlanner {
    private final TargetRepoConfig config;
    private final MechanismDiagnoser diagnoser;
    private final MechanismSettings settings;

    public RemedyPlanner(TargetRepoConfig config, MechanismDiagnoser diagnoser) {
        this.config = config;
        this.diagnoser = diagnoser;
        this.settings = diagnoser.settings();
    }

    /**
     * Whether the mechanism can become a pull request at all: false for an unknown mechanism, a missing capability,
     * or billing routing without a billing tool. Such items stay in the backlog for people.
     */
    public boolean canPropose(String mechanismId) {
        return Mechanism.parse(mechanismId).map(Mechanism.Parsed::mechanism).filter(m -> switch (m) {
            case UNKNOWN, BILLING_CAPABILITY -> false;
            case ROUTE_BILLING -> settings.billingTool() != null;
            default -> true;
        }).isPresent();
    }

    /** The proposal for {@code item}, reading current settings through {@code files}, or why there is none. */
    public Remedy plan(BacklogItem item, FileSource files) {
        Optional<Mechanism.Parsed> parsed = Mechanism.parse(item.getMechanismId());
        if (!item.getMechanismKnown() || parsed.isEmpty() || parsed.get().mechanism() == Mechanism.UNKNOWN) {
            return Remedy.none("the mechanism is unknown; read the evidence conversations first");
        }
        String tool = parsed.get().tool();
        return switch (parsed.get().mechanism()) {
            case TOOL_TIMEOUT -> toolSetting(item, tool, settings.toolTimeoutPaths(), files,
                    current -> Math.min(settings.maxTimeoutMs(), (long) Math.ceil(current * settings.timeoutFactor())));
            case TOOL_RETRIES -> toolSetting(item, tool, settings.toolRetryPaths(), files,
                    current -> Math.min(settings.maxRetries(), current + 1));
            case API_KEY_SETUP -> prompt(item, RuleTemplates.API_KEY_SETUP.render());
            case PASTED_FORMATTING -> prompt(item, RuleTemplates.PASTED_FORMATTING.render());
            case HUMAN_AFTER_REPAIR -> prompt(item, RuleTemplates.HUMAN_AFTER_REPAIR.render());
            case DEAD_END -> prompt(item, RuleTemplates.DEAD_END.render());
            case ROUTE_BILLING -> settings.billingTool() == null
                    ? Remedy.none("no billing_tool is configured to route billing requests to")
                    : prompt(item, RuleTemplates.ROUTE_BILLING.render(Map.of("tool", settings.billingTool())));
            case BILLING_CAPABILITY -> Remedy.none("the agent needs a new capability (a billing tool or route); that is"
                    + " built by people, not proposed as a small diff");
            case TEMPERATURE -> temperature(item, files);
            case UNKNOWN -> Remedy.none("the mechanism is unknown; read the evidence conversations first");
        };
    }

    private Remedy prompt(BacklogItem item, InstructionText instruction) {
        List<String> prompts = config.filesOf(TargetKind.SYSTEM_PROMPT);
        if (prompts.isEmpty()) {
            return Remedy.none("no system prompt is listed under files.system_prompts in the target repository config");
        }
        List<ConversationEvidence> conversations = ConversationEvidence.ofAll(item.getEvidence());
        List<ConversationEvidence> showing = diagnoser.showing(item.getMechanismId(), conversations);
        List<EvidenceQuote> examples = (showing.isEmpty() ? conversations : showing).stream()
                .map(c -> EvidenceQuote.from(c.source())).toList();
        return Remedy.of(new PromptInstructionProposal(prompts.get(0), item.getMechanismId(), instruction, examples));
    }

    private Remedy toolSetting(BacklogItem item, String tool, List<String> pathTemplates, FileSource files,
            LongUnaryOperator next) {
        for (String file : config.filesOf(TargetKind.HARNESS_CONFIG)) {
            Optional<String> text = files.read(file);
            if (text.isEmpty()) {
                continue;
            }
            for (String template : pathTemplates) {
                SettingPath path = SettingPath.parse(template.replace("{tool}", tool));
                Optional<Object> value = SettingValues.at(text.get(), file, path);
                if (value.isPresent() && isInteger(value.get())) {
                    long current = ((Number) value.get()).longValue();
                    long proposed = next.applyAsLong(current);
                    if (proposed <= current) {
                        return Remedy.none(path + " in " + file + " is " + current + ", already at the configured limit");
                    }
                    return Remedy.of(setting(file, item.getMechanismId(), path,
                            SettingValues.writtenAt(text.get(), file, path).orElse(null), ScalarValue.integer(proposed)));
                }
            }
        }
        return Remedy.none("no integer setting for tool '" + tool + "' at " + pathTemplates + " in the harness configs "
                + config.filesOf(TargetKind.HARNESS_CONFIG));
    }

    private Remedy temperature(BacklogItem item, FileSource files) {
        SettingPath path = SettingPath.parse(settings.temperaturePath());
        for (String file : config.filesOf(TargetKind.WANDB_CONFIG)) {
            Optional<String> text = files.read(file);
            Optional<Object> value = text.flatMap(t -> SettingValues.at(t, file, path));
            if (value.isPresent() && value.get() instanceof Number number && !isInteger(number)) {
                BigDecimal current = new BigDecimal(number.toString());
                BigDecimal proposed = current.subtract(BigDecimal.valueOf(settings.temperatureStep()))
                        .max(BigDecimal.valueOf(settings.minTemperature())).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
                if (proposed.compareTo(current) >= 0) {
                    return Remedy.none(String.format(Locale.ROOT, "%s in %s is %s, already at or below the minimum %.2f",
                            path, file, current.toPlainString(), settings.minTemperature()));
                }
                return Remedy.of(new YamlSettingProposal(file, item.getMechanismId(), path,
                        SettingValues.writtenAt(text.get(), file, path).orElse(null), ScalarValue.decimal(proposed)));
            }
        }
        return Remedy.none("no decimal setting " + path + " in the W&B configs " + config.filesOf(TargetKind.WANDB_CONFIG));
    }

    private static ChangeProposal setting(String file, String mechanismId, SettingPath path, String current,
            ScalarValue value) {
        return file.toLowerCase(Locale.ROOT).endsWith(".json")
                ? new JsonSettingProposal(file, mechanismId, path, current, value)
                : new YamlSettingProposal(file, mechanismId, path, current, value);
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }
}
