package dev.turnloop.pr;

import dev.turnloop.pr.backlog.ScoringSettings;
import dev.turnloop.pr.backlog.SeverityClass;
import dev.turnloop.pr.mechanism.MechanismSettings;
import dev.turnloop.pr.repo.InvalidConfigException;
import dev.turnloop.pr.worker.WorkerSettings;
import dev.turnloop.schemas.FixCost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Everything the PR worker decides by, from one YAML file (every key optional; the values shown are the defaults):
 *
 * <pre>
 * scoring:                       # score = ln(1 + conversations)^wf * severity^ws / fix_cost^wc
 *   frequency_weight: 1.0        # wf
 *   severity_weight: 1.0         # ws
 *   fix_cost_weight: 0.5         # wc
 *   fix_costs: {prompt: 1, config: 2, harness: 4, capability: 8}
 *   severities: {abandonment: 1.0, churn_risk: 0.9, wrong_information: 0.9, escalation: 0.6, friction: 0.3}
 *   metric_severity: {completion_rate: abandonment, abandonment_rate: abandonment, negative_rate: churn_risk,
 *                     hallucination_rate: wrong_information, wrong_information_rate: wrong_information,
 *                     escalation_rate: escalation, repair_rate: friction, turn_depth_mean: friction,
 *                     turn_depth_p50: friction, turn_depth_p90: friction, volume: friction}
 *                                # merged over these defaults; unlisted metrics are friction
 *   higher_is_better: [completion_rate]
 * mechanisms:
 *   min_support: 2               # conversations that must show a pattern
 *   min_share: 0.3               # ... and their share of the evidence
 *   tool_timeout_paths: ["tools.{tool}.timeout_ms"]
 *   timeout_factor: 2.0
 *   max_timeout_ms: 60000
 *   tool_retry_paths: ["tools.{tool}.retries", "tools.{tool}.max_attempts", "retries.max_attempts"]
 *   max_retries: 5
 *   generation_quality_metrics: [hallucination_rate, wrong_information_rate]
 *   temperature_path: parameters.temperature.value
 *   temperature_step: 0.2
 *   min_temperature: 0.2
 *   billing_tool: null           # e.g. lookup_invoice; without one, billing dead ends are a capability gap
 *   unknown_fix_cost: harness
 * worker:
 *   max_open_pull_requests: 1    # 1 = only the top item, one pull request at a time
 *   min_score: 0.0
 *   cycle_interval_seconds: 60   # poll pull requests and open new ones
 *   tick_seconds: 1              # check for webhook nudges
 *   retry_backoff_seconds: 300   # after a network or rate-limit failure
 *   blocked_retry_seconds: 86400 # after a file that does not allow the change
 *   planned_volume_per_arm: 500
 *   max_evidence: 10
 * </pre>
 *
 * Which repository and files the worker edits is configured apart, in {@link dev.turnloop.pr.repo.TargetRepoConfig}.
 */
public record PrWorkerSettings(ScoringSettings scoring, MechanismSettings mechanisms, WorkerSettings worker) {

    public static PrWorkerSettings defaults() {
        return new PrWorkerSettings(ScoringSettings.defaults(), MechanismSettings.defaults(), WorkerSettings.defaults());
    }

    public PrWorkerSettings withWorker(WorkerSettings newWorker) {
        return new PrWorkerSettings(scoring, mechanisms, newWorker);
    }

    public PrWorkerSettings withMechanisms(MechanismSettings newMechanisms) {
        return new PrWorkerSettings(scoring, newMechanisms, worker);
    }

    public PrWorkerSettings withScoring(ScoringSettings newScoring) {
        return new PrWorkerSettings(newScoring, mechanisms, worker);
    }

    /** Loads and validates the settings in {@code file}. */
    public static PrWorkerSettings load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), List.of("cannot read the file (" + e.getClass()
                    .getSimpleName() + "); check the path and permissions"));
        }
    }

    /** Parses and validates settings text; {@code source} names it in error messages. */
    public static PrWorkerSettings parse(String yaml, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidConfigException(source, List.of("is not valid YAML: " + e.getMessage()));
        }
        if (root == null) {
            return defaults();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidConfigException(source, List.of("must be a YAML mapping with scoring, mechanisms and/or"
                    + " worker sections"));
        }
        List<String> problems = new ArrayList<>();
        YamlSection top = YamlSection.root(map, problems);
        top.allowOnly(Set.of("scoring", "mechanisms", "worker"));
        ScoringSettings scoring = null;
        MechanismSettings mechanisms = null;
        WorkerSettings worker = null;
        try {
            scoring = scoring(top.section("scoring"));
        } catch (IllegalArgumentException e) {
            problems.add("scoring: " + e.getMessage());
        }
        try {
            mechanisms = mechanisms(top.section("mechanisms"));
        } catch (IllegalArgumentException e) {
            problems.add("mechanisms: " + e.getMessage());
        }
        try {
            worker = worker(top.section("worker"));
        } catch (IllegalArgumentException e) {
            problems.add("worker: " + e.getMessage());
        }
        List<String> all = new ArrayList<>(new LinkedHashSet<>(problems));
        if (!all.isEmpty()) {
            throw new InvalidConfigException(source, all);
        }
        return new PrWorkerSettings(scoring, mechanisms, worker);
    }

    private static ScoringSettings scoring(YamlSection s) {
        s.allowOnly(Set.of("frequency_weight", "severity_weight", "fix_cost_weight", "fix_costs", "severities",
                "metric_severity", "higher_is_better"));
        ScoringSettings d = ScoringSettings.defaults();
        Map<FixCost, Double> costs = new EnumMap<>(d.fixCosts());
        s.scalars("fix_costs").forEach((name, value) -> enumKey(s, "fix_costs", FixCost.class, name)
                .ifPresent(cost -> costs.put(cost, asDouble(s, "fix_costs." + name, value))));
        Map<SeverityClass, Double> severities = new EnumMap<>(d.severities());
        s.scalars("severities").forEach((name, value) -> enumKey(s, "severities", SeverityClass.class, name)
                .ifPresent(cls -> severities.put(cls, asDouble(s, "severities." + name, value))));
        Map<String, SeverityClass> metrics = new LinkedHashMap<>(d.metricSeverity());
        s.scalars("metric_severity").forEach((metric, value) -> enumKey(s, "metric_severity." + metric,
                SeverityClass.class, String.valueOf(value)).ifPresent(cls -> metrics.put(metric, cls)));
        return new ScoringSettings(s.number("frequency_weight", d.frequencyWeight()),
                s.number("severity_weight", d.severityWeight()), s.number("fix_cost_weight", d.fixCostWeight()),
                costs, severities, metrics, new HashSet<>(s.strings("higher_is_better", List.copyOf(d.higherIsBetter()))));
    }

    private static MechanismSettings mechanisms(YamlSection s) {
        s.allowOnly(Set.of("min_support", "min_share", "tool_timeout_paths", "timeout_factor", "max_timeout_ms",
                "tool_retry_paths", "max_retries", "generation_quality_metrics", "temperature_path", "temperature_step",
                "min_temperature", "billing_tool", "unknown_fix_cost"));
        MechanismSettings d = MechanismSettings.defaults();
        FixCost unknownCost = enumKey(s, "unknown_fix_cost", FixCost.class,
                s.string("unknown_fix_cost", d.unknownFixCost().name())).orElse(d.unknownFixCost());
        return new MechanismSettings(s.integer("min_support", d.minSupport()), s.number("min_share", d.minShare()),
                s.strings("tool_timeout_paths", d.toolTimeoutPaths()), s.number("timeout_factor", d.timeoutFactor()),
                s.whole("max_timeout_ms", d.maxTimeoutMs()), s.strings("tool_retry_paths", d.toolRetryPaths()),
                s.whole("max_retries", d.maxRetries()),
                new HashSet<>(s.strings("generation_quality_metrics", List.copyOf(d.generationQualityMetrics()))),
                s.string("temperature_path", d.temperaturePath()), s.number("temperature_step", d.temperatureStep()),
                s.number("min_temperature", d.minTemperature()), s.string("billing_tool", d.billingTool()), unknownCost);
    }

    private static WorkerSettings worker(YamlSection s) {
        s.allowOnly(Set.of("max_open_pull_requests", "min_score", "cycle_interval_seconds", "tick_seconds",
                "retry_backoff_seconds", "blocked_retry_seconds", "planned_volume_per_arm", "max_evidence"));
        WorkerSettings d = WorkerSettings.defaults();
        return new WorkerSettings(s.integer("max_open_pull_requests", d.maxOpenPullRequests()),
                s.number("min_score", d.minScore()), seconds(s, "cycle_interval_seconds", d.cycleInterval()),
                seconds(s, "tick_seconds", d.tick()), seconds(s, "retry_backoff_seconds", d.retryBackoff()),
                seconds(s, "blocked_retry_seconds", d.blockedRetry()),
                s.integer("planned_volume_per_arm", d.plannedVolumePerArm()), s.integer("max_evidence", d.maxEvidence()));
    }

    private static Duration seconds(YamlSection s, String key, Duration fallback) {
        return Duration.ofMillis(Math.round(s.number(key, fallback.toMillis() / 1000.0) * 1000));
    }

    private static double asDouble(YamlSection s, String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        s.problem(key, "must be a number, got '" + value + "'");
        return Double.NaN;
    }

    private static <E extends Enum<E>> Optional<E> enumKey(YamlSection s, String key, Class<E> type,
            String name) {
        try {
            return Optional.of(Enum.valueOf(type, name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            s.problem(key, "has unknown value '" + name + "'; use one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            return Optional.empty();
        }
    }
}
