package dev.turnloop.metrics;

import dev.turnloop.metrics.breach.EvidenceSettings;
import dev.turnloop.metrics.cohort.VerdictSettings;
import dev.turnloop.metrics.window.WindowSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * How the metrics topology counts and judges. All durations are event time, so a replay gives the same results as
 * live traffic. The breach rules are separate ({@link dev.turnloop.metrics.breach.BreachRules}, from YAML).
 *
 * @param windows            the windows metrics are computed in; their names appear in topic keys and queries
 * @param evidence           how many problem conversations are kept and quoted per breach
 * @param breachScanInterval how often (stream time) quiet spiking-intent breaches are looked for to resolve
 * @param verdicts           how shipped changes are judged
 * @param stateStores        where state lives: RocksDB (production: larger than memory, restored from local disk)
 *                           or in memory (fast tests and demos; restored from the changelogs on every start)
 */
public record MetricsSettings(List<WindowSpec> windows, EvidenceSettings evidence, Duration breachScanInterval,
                              VerdictSettings verdicts, Materialized.StoreType stateStores) {

    public MetricsSettings {
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window is needed");
        }
        Set<String> names = new HashSet<>();
        for (WindowSpec window : windows) {
            if (!names.add(window.name())) {
                throw new IllegalArgumentException("window name used twice: " + window.name());
            }
        }
        if (breachScanInterval.isZero() || breachScanInterval.isNegative()) {
            throw new IllegalArgumentException("breachScanInterval must be positive");
        }
    }

    /** 1h and 1d tumbling windows and a 7d daily view; see {@link WindowSpec#defaults()}. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(WindowSpec.defaults(), EvidenceSettings.defaults(), Duration.ofMinutes(10),
                VerdictSettings.defaults(), Materialized.StoreType.ROCKS_DB);
    }

    public MetricsSettings withWindows(List<WindowSpec> windows) {
        return new MetricsSettings(windows, evidence, breachScanInterval, verdicts, stateStores);
    }

    public MetricsSettings withVerdicts(VerdictSettings verdicts) {
        return new MetricsSettings(windows, evidence, breachScanInterval, verdicts, stateStores);
    }

    public MetricsSettings withStateStores(Materialized.StoreType stateStores) {
        return new MetricsSettings(windows, evidence, breachScanInterval, verdicts, stateStores);
    }

    public List<String> windowNames() {
        return windows.stream().map(WindowSpec::name).toList();
    }
}
