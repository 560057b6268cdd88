package dev.turnloop.app.demo.sim;

import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings the demo needs for the simulated agent to breach within minutes: breach rules that read a one-minute
 * window ({@code demo-agent/demo-breach-rules.yaml}), that window, and an inactivity gap that closes simulated
 * conversations promptly. Breach rules only read final windows, and the default hourly and daily windows would not
 * close during a demo.
 */
public final class DemoMetricsSetup {

    /** The rules file, under {@code demo-agent/} on the classpath. */
    public static final String RULES_FILE = "demo-breach-rules.yaml";
    /** The window the demo rules watch. */
    public static final String WINDOW = "1m";
    /**
     * Conversations reach the metrics at their close; a grace of 15 s covers the ingest's scan interval and
     * partition skew in the demo.
     */
    public static final Duration WINDOW_GRACE = Duration.ofSeconds(15);
    /**
     * Inactivity gap that closes the simulated conversations soon after their last turn: well above their longest
     * pause (a user's 1.3 turn gaps, or an agent turn waiting for two timed-out searches).
     */
    public static final Duration INACTIVITY_GAP = Duration.ofSeconds(30);

    private DemoMetricsSetup() {
    }

    /** The demo rules, checked against {@link #windows()}. */
    public static BreachRules breachRules() {
        BreachRules rules = BreachRules.parse(DemoAgentRepo.resource(RULES_FILE));
        rules.requireWindows(windows().stream().map(WindowSpec::name).toList());
        return rules;
    }

    /** The one-minute window the rules watch, followed by the default windows (kept for queries and verdicts). */
    public static List<WindowSpec> windows() {
        List<WindowSpec> windows = new ArrayList<>();
        windows.add(WindowSpec.tumbling(WINDOW, Duration.ofMinutes(1), WINDOW_GRACE, Duration.ofHours(6)));
        windows.addAll(WindowSpec.defaults());
        return List.copyOf(windows);
    }
}
