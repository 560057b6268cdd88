package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.RateMetric;
import dev.turnloop.schemas.IntentEventKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The breach rules, read from YAML. A file holds {@code rules:}, a list of maps with an {@code id} and a
 * {@code kind}; unknown keys are errors, so a typo never silently disables a rule. Durations are written like
 * {@code 30m}, {@code 12h}, {@code 1d}.
 *
 * <pre>
 * - {id: abandonment-high, kind: threshold, metric: abandonment_rate, op: "&gt;", value: 0.30,
 *    min_volume: 50, window: 1d, clear_margin: 0.05, scope: intent}
 * - {id: completion-drop, kind: baseline_drop, metric: completion_rate, window: 1d, baseline_windows: 7,
 *    p_value: 0.01, min_volume: 50, min_change: 0.05, clear_margin: 0.02, scope: intent}
 * - {id: new-intent, kind: new_intent}
 * - {id: spiking-intent, kind: spiking_intent, resolve_after: 1d}
 * </pre>
 *
 * Defaults: {@code clear_margin} 0.05 (threshold) / 0.02 (baseline), {@code min_volume} 50, {@code scope} intent,
 * {@code baseline_windows} 7, {@code p_value} 0.01, {@code min_change} 0. The shipped defaults are in
 * {@code default-breach-rules.yaml} next to this class.
 */
public final class BreachRules {

    public static final String DEFAULT_RESOURCE = "default-breach-rules.yaml";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Set<String> THRESHOLD_KEYS = Set.of("id", "kind", "metric", "op", "value", "clear_margin",
            "min_volume", "window", "scope");
    private static final Set<String> BASELINE_KEYS = Set.of("id", "kind", "metric", "window", "baseline_windows",
            "p_value", "min_change", "clear_margin", "min_volume", "scope");
    private static final Set<String> INTENT_EVENT_KEYS = Set.of("id", "kind", "resolve_after");

    private final List<BreachRule> rules;

    public BreachRules(List<BreachRule> rules) {
        Set<String> ids = new HashSet<>();
        for (BreachRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("breach rule id used twice: " + rule.id());
            }
        }
        this.rules = List.copyOf(rules);
    }

    /** The rules shipped with turnloop. */
    public static BreachRules defaults() {
        try (InputStream in = BreachRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    public static BreachRules load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static BreachRules parse(String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> document) || !(document.get("rules") instanceof List<?> entries)) {
            throw new IllegalArgumentException("a breach rules file is a map with a 'rules' list");
        }
        List<BreachRule> rules = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("each rule is a map, got: " + entry);
            }
            rules.add(rule(new Fields(map)));
        }
        return new BreachRules(rules);
    }

    public List<BreachRule> all() {
        return rules;
    }

    public List<ThresholdRule> thresholds() {
        return ofType(ThresholdRule.class);
    }

    public List<BaselineDropRule> baselineDrops() {
        return ofType(BaselineDropRule.class);
    }

    public List<IntentEventRule> intentEvents() {
        return ofType(IntentEventRule.class);
    }

    /** Fails when a metric rule names a window that is not computed. */
    public void requireWindows(Collection<String> windowNames) {
        for (BreachRule rule : rules) {
            String window = rule instanceof ThresholdRule t ? t.window()
                    : rule instanceof BaselineDropRule b ? b.window() : null;
            if (window != null && !windowNames.contains(window)) {
                throw new IllegalArgumentException("rule " + rule.id() + " watches window '" + window
                        + "', which is not computed; windows: " + windowNames);
            }
        }
    }

    private <T extends BreachRule> List<T> ofType(Class<T> type) {
        return rules.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static BreachRule rule(Fields f) {
        String id = f.string("id");
        String kind = f.string("kind").toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "threshold" -> {
                    f.allow(THRESHOLD_KEYS);
                    yield new ThresholdRule(id, BreachMetric.of(f.string("metric")), ComparisonOp.of(f.string("op")),
                            f.number("value"), f.number("clear_margin", 0.05), f.whole("min_volume", 50),
                            f.string("window"), f.scope());
                }
                case "baseline_drop" -> {
                    f.allow(BASELINE_KEYS);
                    RateMetric metric = RateMetric.byName(f.string("metric")).orElseThrow(
                            () -> new IllegalArgumentException("baseline_drop needs a rate metric, got: "
                                    + f.string("metric")));
                    yield new BaselineDropRule(id, metric, f.string("window"), (int) f.whole("baseline_windows", 7),
                            f.number("p_value", 0.01), f.number("min_change", 0.0), f.number("clear_margin", 0.02),
                            f.whole("min_volume", 50), f.scope());
                }
                case "new_intent", "spiking_intent" -> {
                    f.allow(INTENT_EVENT_KEYS);
                    yield new IntentEventRule(id, kind.equals("new_intent") ? IntentEventKind.NEW
                            : IntentEventKind.SPIKING, f.optional("resolve_after").map(BreachRules::duration));
                }
                default -> throw new IllegalArgumentException(
                        "unknown kind '" + kind + "'; use threshold, baseline_drop, new_intent or spiking_intent");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule " + id + ": " + e.getMessage(), e);
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("durations look like 30m, 12h or 1d; got: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** One rule's map, read with types and defaults. */
    private static final class Fields {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Fields(Map<?, ?> map) {
            map.forEach((key, value) -> values.put(String.valueOf(key), value));
        }

        void allow(Set<String> keys) {
            for (String key : values.keySet()) {
                if (!keys.contains(key)) {
                    throw new IllegalArgumentException("unknown key '" + key + "'; allowed: " + keys);
                }
            }
        }

        Optional<String> optional(String key) {
            Object value = values.get(key);
            return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
        }

        String string(String key) {
            return optional(key).filter(s -> !s.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("'" + key + "' is required"));
        }

        double number(String key) {
            Object value = values.get(key);
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException("'" + key + "' must be a number, got: " + value);
        }

        double number(String key, double fallback) {
            return values.get(key) == null ? fallback : number(key);
        }

        long whole(String key, long fallback) {
            Object value = values.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got: " + value);
        }

        RuleScope scope() {
            String scope = optional("scope").orElse("intent");
            return switch (scope.toLowerCase(Locale.ROOT)) {
                case "intent" -> RuleScope.INTENT;
                case "segment" -> RuleScope.SEGMENT;
                default -> throw new IllegalArgumentException("scope must be intent or segment, got: " + scope);
            };
        }
    }
}
