package dev.turnloop.app.demo.sim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a deployed version of the agent does, read from its files: which situations its system prompt covers, how
 * much time and how many attempts its harness gives the docs search, and its sampling temperature. The simulator
 * behaves by this profile, so behaviour follows the content of a commit, never its name: any prompt that says the
 * same thing (the PR worker's rule template or a person's own words) has the same effect.
 *
 * @param readsPastedFormatting the prompt tells the agent to read through pasted chat markup
 * @param walksThroughKeySetup the prompt tells the agent to walk users through API key or token setup step by step
 * @param handsOffInsteadOfRefusing the prompt tells the agent not to stop at a refusal and to offer a human
 * @param billingTool a harness tool for billing that the prompt routes billing questions to, or null
 * @param searchTimeoutMs the docs search tool's timeout; 0 when the harness has no such tool
 * @param searchAttempts how often a docs search is tried (1 + retries)
 * @param temperature the sampling temperature of the W&amp;B config (1.0, the usual model default, when absent)
 */
public record AgentProfile(boolean readsPastedFormatting, boolean walksThroughKeySetup,
                           boolean handsOffInsteadOfRefusing, String billingTool, long searchTimeoutMs,
                           int searchAttempts, double temperature) {

    /** The harness tool the docs questions use. */
    public static final String SEARCH_TOOL = "search_docs";
    static final double DEFAULT_TEMPERATURE = 1.0;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern PASTED = Pattern.compile("\\b(paste[sd]?|pasting|copied|copy-pasted)\\b", FLAGS);
    private static final Pattern MARKUP = Pattern.compile("\\b(markup|formatting|mentions?|code fences?)\\b", FLAGS);
    private static final Pattern KEYS = Pattern.compile("\\b(api[ _-]?keys?|tokens?)\\b", FLAGS);
    private static final Pattern WALKTHROUGH = Pattern.compile(
            "\\b(step[ -]by[ -]step|walk (the user |them |users )?through|walkthrough)\\b", FLAGS);
    private static final Pattern REFUSAL = Pattern.compile(
            "(\\brefus|\\bcan'?t help|\\bcannot help|\\bunable to help)", FLAGS);
    private static final Pattern HANDOFF = Pattern.compile("\\b(hand-?off|hand (it |them |the user )?over|human"
            + "|person)\\b", FLAGS);
    private static final Pattern BILLING = Pattern.compile("\\b(billing|invoices?|refunds?|payments?)\\b", FLAGS);

    /** Reads the profile from the three files' texts (an absent file reads as empty). */
    public static AgentProfile read(String prompt, String harnessYaml, String wandbYaml) {
        PromptStatements says = PromptStatements.of(prompt);
        Map<?, ?> harness = yamlMap(harnessYaml);
        Map<?, ?> tools = at(harness, "tools") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> search = tools.get(SEARCH_TOOL) instanceof Map<?, ?> m ? m : null;
        long timeout = search == null ? 0 : number(search.get("timeout_ms")).map(Number::longValue).orElse(0L);
        String billingTool = tools.entrySet().stream()
                .map(e -> String.valueOf(e.getKey()))
                .filter(name -> name.toLowerCase(Locale.ROOT).contains("billing"))
                .filter(name -> !Boolean.FALSE.equals(at(harness, "tools", name, "enabled")))
                .filter(name -> says.anySays(BILLING, Pattern.compile("\\b" + Pattern.quote(name) + "\\b")))
                .findFirst().orElse(null);
        return new AgentProfile(
                says.anySays(PASTED, MARKUP),
                says.anySays(KEYS, WALKTHROUGH),
                says.anySays(REFUSAL, HANDOFF),
                billingTool,
                timeout,
                search == null ? 0 : 1 + retries(harness),
                temperature(yamlMap(wandbYaml)));
    }

    /** One line for people, e.g. in the demo's log when a version is deployed. */
    public String describe() {
        return String.format(Locale.ROOT, "pasted-formatting instruction %s, key-setup walkthrough %s, billing %s,"
                        + " %s timeout %d ms x%d attempts, temperature %.2f",
                yesNo(readsPastedFormatting), yesNo(walksThroughKeySetup),
                billingTool != null ? "routed to " + billingTool : handsOffInsteadOfRefusing ? "handed off"
                        : "refused", SEARCH_TOOL, searchTimeoutMs, searchAttempts, temperature);
    }

    public Optional<String> billingRoute() {
        return Optional.ofNullable(billingTool);
    }

    /** The search tool's retries, by the same paths the PR worker's retry remedy edits, in the same order. */
    private static int retries(Map<?, ?> harness) {
        Optional<Number> retries = number(at(harness, "tools", SEARCH_TOOL, "retries"));
        if (retries.isPresent()) {
            return Math.max(0, retries.get().intValue());
        }
        Optional<Number> attempts = number(at(harness, "tools", SEARCH_TOOL, "max_attempts"))
                .or(() -> number(at(harness, "retries", "max_attempts")));
        return attempts.map(a -> Math.max(0, a.intValue() - 1)).orElse(0);
    }

    /** W&amp;B sweep style ({@code parameters.temperature.value}) or config-defaults style ({@code temperature}). */
    private static double temperature(Map<?, ?> wandb) {
        return number(at(wandb, "parameters", "temperature", "value"))
                .or(() -> number(at(wandb, "temperature", "value")))
                .or(() -> number(at(wandb, "temperature")))
                .map(Number::doubleValue).orElse(DEFAULT_TEMPERATURE);
    }

    private static Map<?, ?> yamlMap(String text) {
        Object root = text == null || text.isBlank() ? null
                : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return root instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Object at(Map<?, ?> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    private static Optional<Number> number(Object value) {
        return value instanceof Number n ? Optional.of(n) : Optional.empty();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
