package dev.turnloop.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How the pipeline's outputs differ from the offline reference, output by output and key by key: missing (lost),
 * more records than expected (counted twice), fewer, different, or a key not expected at all. Empty when equal.
 */
final class Differences {

    private static final int EXAMPLES = 3;

    private final List<String> problems = new ArrayList<>();

    private Differences() {
    }

    /**
     * @param finalsComplete false before a phase's clock: a metrics task may not yet have seen the stream time that
     *                       closes a window the single offline task has, so a final (or the breach it raises) not yet
     *                       published is no loss
     */
    static Differences between(OutputSnapshot expected, OutputSnapshot actual, boolean finalsComplete) {
        Differences differences = new Differences();
        differences.compare("enriched turns", expected.enrichedTurns(), actual.enrichedTurns(), true);
        differences.compare("signals", expected.signals(), actual.signals(), true);
        differences.compare("conversation summaries", expected.summaries(), actual.summaries(), true);
        differences.compare("intent assignments", expected.assignments(), actual.assignments(), true);
        differences.compare("final intent metrics", expected.finals(), actual.finals(), finalsComplete);
        differences.compare("breaches", expected.breaches(), actual.breaches(), finalsComplete);
        differences.compareLatest("live intent metrics (latest per tumbling window)", expected.live(), actual.live());
        if (expected.deadLetters() != actual.deadLetters()) {
            differences.problems.add("dead letters: expected " + expected.deadLetters() + ", found "
                    + actual.deadLetters());
        }
        return differences;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "no differences" : String.join("\n", problems);
    }

    /**
     * Records by key, in order.
     *
     * @param complete whether every expected record must be there yet (else only what is there must be right)
     */
    private <V> void compare(String output, Map<String, List<V>> expected, Map<String, List<V>> actual,
            boolean complete) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> fewer = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (String key : new TreeSet<>(expected.keySet())) {
            List<V> want = expected.get(key);
            List<V> got = actual.getOrDefault(key, List.of());
            if (got.equals(want)) {
                continue;
            }
            if (got.isEmpty()) {
                if (complete) {
                    missing.add(key);
                }
            } else if (got.size() > want.size()) {
                extra.add(key + ": " + got.size() + " records, expected " + want.size());
            } else if (got.size() < want.size() && want.subList(0, got.size()).equals(got)) {
                if (complete) {
                    fewer.add(key + ": " + got.size() + " records, expected " + want.size());
                }
            } else {
                different.add(firstDifference(key, want, got));
            }
        }
        List<String> unexpected = new ArrayList<>(new TreeSet<>(actual.keySet()));
        unexpected.removeAll(expected.keySet());
        report(output, "keys missing", missing, expected.size());
        report(output, "keys with more records than expected (duplicates)", extra, expected.size());
        report(output, "keys with fewer records than expected", fewer, expected.size());
        report(output, "keys with different records", different, expected.size());
        report(output, "keys not expected", unexpected, expected.size());
    }

    private <V> void compareLatest(String output, Map<String, V> expected, Map<String, V> actual) {
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (String key : new TreeSet<>(expected.keySet())) {
            V got = actual.get(key);
            if (got == null) {
                missing.add(key);
            } else if (!Objects.equals(expected.get(key), got)) {
                different.add(key + "\n      expected " + expected.get(key) + "\n      found    " + got);
            }
        }
        List<String> unexpected = new ArrayList<>(new TreeSet<>(actual.keySet()));
        unexpected.removeAll(expected.keySet());
        report(output, "keys missing", missing, expected.size());
        report(output, "keys with a different latest value", different, expected.size());
        report(output, "keys not expected", unexpected, expected.size());
    }

    private static <V> String firstDifference(String key, List<V> want, List<V> got) {
        int index = 0;
        while (index < Math.min(want.size(), got.size()) && Objects.equals(want.get(index), got.get(index))) {
            index++;
        }
        return key + ": " + got.size() + " records, expected " + want.size() + "; first difference at record " + index
                + "\n      expected " + (index < want.size() ? want.get(index) : "nothing")
                + "\n      found    " + (index < got.size() ? got.get(index) : "nothing");
    }

    private void report(String output, String kind, List<String> keys, int expectedKeys) {
        if (!keys.isEmpty()) {
            problems.add(output + ": " + keys.size() + " " + kind + " (of " + expectedKeys + " expected keys), e.g.\n    "
                    + String.join("\n    ", keys.subList(0, Math.min(EXAMPLES, keys.size()))));
        }
    }
}
