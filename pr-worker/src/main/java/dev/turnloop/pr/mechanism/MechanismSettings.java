package dev.turnloop.pr.mechanism;

import dev.turnloop.pr.proposal.RuleTemplate;
import dev.turnloop.schemas.FixCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the rules decide and what their remedies change.
 *
 * @param minSupport a rule names a mechanism only when at least this many evidence conversations show it
 * @param minShare ... and at least this share of the evidence conversations
 * @param toolTimeoutPaths harness setting paths of a tool's timeout, tried in order; {@code {tool}} is the tool
 * @param timeoutFactor a timeout remedy multiplies the current timeout by this
 * @param maxTimeoutMs ... but never beyond this
 * @param toolRetryPaths harness setting paths of a tool's retries, tried in order (a global one may come last)
 * @param maxRetries a retries remedy adds one retry, up to this
 * @param generationQualityMetrics metrics that measure the model's answers themselves (hallucination, wrong facts);
 *     a breach of one points at the model config
 * @param temperaturePath W&amp;B config path of the sampling temperature
 * @param temperatureStep a temperature remedy lowers it by this
 * @param minTemperature ... but never below this
 * @param billingTool the tool that handles billing requests, or null when the agent has none (then billing dead ends
 *     are a missing capability, not a prompt fix)
 * @param unknownFixCost the cost assumed while the mechanism is unknown
 */
public record MechanismSettings(int minSupport, double minShare, List<String> toolTimeoutPaths,
        double timeoutFactor, long maxTimeoutMs, List<String> toolRetryPaths, long maxRetries,
        Set<String> generationQualityMetrics, String temperaturePath, double temperatureStep, double minTemperature,
        String billingTool, FixCost unknownFixCost) {

    public MechanismSettings {
        toolTimeoutPaths = List.copyOf(toolTimeoutPaths);
        toolRetryPaths = List.copyOf(toolRetryPaths);
        generationQualityMetrics = Set.copyOf(generationQualityMetrics);
        Objects.requireNonNull(temperaturePath, "temperaturePath");
        Objects.requireNonNull(unknownFixCost, "unknownFixCost");
        List<String> problems = new ArrayList<>();
        if (minSupport < 1) {
            problems.add("min_support must be at least 1");
        }
        if (!(minShare >= 0 && minShare <= 1)) {
            problems.add("min_share must be between 0 and 1");
        }
        if (!(timeoutFactor > 1 && timeoutFactor <= 10)) {
            problems.add("timeout_factor must be in (1, 10]");
        }
        if (maxTimeoutMs < 1 || maxRetries < 1) {
            problems.add("max_timeout_ms and max_retries must be positive");
        }
        if (!(temperatureStep > 0 && temperatureStep <= 1) || !(minTemperature >= 0 && minTemperature <= 2)) {
            problems.add("temperature_step must be in (0, 1] and min_temperature in [0, 2]");
        }
        if (billingTool != null && !RuleTemplate.SLOT_VALUE.matcher(billingTool).matches()) {
            problems.add("billing_tool '" + billingTool + "' must be a tool name matching " + RuleTemplate.SLOT_VALUE);
        }
        for (String path : concat(toolTimeoutPaths, toolRetryPaths)) {
            if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                problems.add("setting path '" + path + "' must be dotted keys such as tools.{tool}.timeout_ms");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static MechanismSettings defaults() {
        return new MechanismSettings(2, 0.3, List.of("tools.{tool}.timeout_ms"), 2.0, 60_000,
                List.of("tools.{tool}.retries", "tools.{tool}.max_attempts", "retries.max_attempts"), 5,
                Set.of("hallucination_rate", "wrong_information_rate"), "parameters.temperature.value", 0.2, 0.2, null,
                FixCost.HARNESS);
    }

    public MechanismSettings withBillingTool(String tool) {
        return new MechanismSettings(minSupport, minShare, toolTimeoutPaths, timeoutFactor, maxTimeoutMs,
                toolRetryPaths, maxRetries, generationQualityMetrics, temperaturePath, temperatureStep, minTemperature, tool,
                unknownFixCost);
    }

    /** How many supporting conversations a rule needs among {@code total} evidence conversations. */
    public int requiredSupport(int total) {
        return Math.max(minSupport, (int) Math.ceil(minShare * total));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
