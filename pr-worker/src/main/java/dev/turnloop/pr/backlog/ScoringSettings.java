package dev.turnloop.pr.backlog;

import dev.turnloop.schemas.FixCost;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How backlog items are scored: {@code score = f^wf * s^ws / c^wc} with {@code f = ln(1 + conversations)},
 * {@code s} the severity weight in (0, 1] and {@code c} the fix cost in units (prompt 1 &lt; config 2 &lt; harness 4
 * &lt; capability 8 by default). The log makes frequency matter with diminishing returns, so a rare but severe
 * failure can outrank a common mild one; the weights say how much each factor counts (frequency and severity high,
 * fix cost medium by default).
 *
 * @param metricSeverity the severity class of a breach of each metric; unlisted metrics are friction
 * @param higherIsBetter metrics where a breach means the value is too low (completion), so the affected
 *     conversations are {@code (1 - value) * volume}; for every other rate metric they are {@code value * volume}
 */
public record ScoringSettings(double frequencyWeight, double severityWeight, double fixCostWeight,
        Map<FixCost, Double> fixCosts, Map<SeverityClass, Double> severities, Map<String, SeverityClass> metricSeverity,
        Set<String> higherIsBetter) {

    public ScoringSettings {
        fixCosts = Collections.unmodifiableMap(new EnumMap<>(fixCosts));
        severities = Collections.unmodifiableMap(new EnumMap<>(severities));
        metricSeverity = Collections.unmodifiableMap(new LinkedHashMap<>(metricSeverity));
        higherIsBetter = Set.copyOf(higherIsBetter);
        List<String> problems = problems(frequencyWeight, severityWeight, fixCostWeight, fixCosts, severities);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** wf = ws = 1.0, wc = 0.5; costs 1/2/4/8; severities 1.0/0.9/0.9/0.6/0.3. */
    public static ScoringSettings defaults() {
        Map<FixCost, Double> costs = new EnumMap<>(FixCost.class);
        costs.put(FixCost.PROMPT, 1.0);
        costs.put(FixCost.CONFIG, 2.0);
        costs.put(FixCost.HARNESS, 4.0);
        costs.put(FixCost.CAPABILITY, 8.0);
        Map<SeverityClass, Double> severities = new EnumMap<>(SeverityClass.class);
        severities.put(SeverityClass.ABANDONMENT, 1.0);
        severities.put(SeverityClass.CHURN_RISK, 0.9);
        severities.put(SeverityClass.WRONG_INFORMATION, 0.9);
        severities.put(SeverityClass.ESCALATION, 0.6);
        severities.put(SeverityClass.FRICTION, 0.3);
        Map<String, SeverityClass> metrics = new LinkedHashMap<>();
        metrics.put("completion_rate", SeverityClass.ABANDONMENT);
        metrics.put("abandonment_rate", SeverityClass.ABANDONMENT);
        metrics.put("negative_rate", SeverityClass.CHURN_RISK);
        metrics.put("hallucination_rate", SeverityClass.WRONG_INFORMATION);
        metrics.put("wrong_information_rate", SeverityClass.WRONG_INFORMATION);
        metrics.put("escalation_rate", SeverityClass.ESCALATION);
        metrics.put("repair_rate", SeverityClass.FRICTION);
        metrics.put("turn_depth_mean", SeverityClass.FRICTION);
        metrics.put("turn_depth_p50", SeverityClass.FRICTION);
        metrics.put("turn_depth_p90", SeverityClass.FRICTION);
        metrics.put("volume", SeverityClass.FRICTION);
        return new ScoringSettings(1.0, 1.0, 0.5, costs, severities, metrics, Set.of("completion_rate"));
    }

    public ScoringSettings withWeights(double frequency, double severity, double fixCost) {
        return new ScoringSettings(frequency, severity, fixCost, fixCosts, severities, metricSeverity, higherIsBetter);
    }

    /** The severity class of a breach of {@code metric}. */
    public SeverityClass classOf(String metric) {
        return metricSeverity.getOrDefault(metric, SeverityClass.FRICTION);
    }

    public double weightOf(SeverityClass severity) {
        return severities.get(severity);
    }

    public double costOf(FixCost cost) {
        return fixCosts.get(cost);
    }

    private static List<String> problems(double wf, double ws, double wc, Map<FixCost, Double> costs,
            Map<SeverityClass, Double> severities) {
        List<String> problems = new ArrayList<>();
        for (double w : new double[] {wf, ws, wc}) {
            if (!(w >= 0 && w <= 10)) {
                problems.add("weights must be between 0 and 10, got " + w);
            }
        }
        for (FixCost cost : FixCost.values()) {
            Double units = costs.get(cost);
            if (units == null || !(units >= 1 && units <= 1000)) {
                problems.add("fix cost " + cost + " needs a cost between 1 and 1000 units, got " + units);
            }
        }
        for (SeverityClass severity : SeverityClass.values()) {
            Double weight = severities.get(severity);
            if (weight == null || !(weight > 0 && weight <= 1)) {
                problems.add("severity " + severity + " needs a weight in (0, 1], got " + weight);
            }
        }
        return problems;
    }
}
