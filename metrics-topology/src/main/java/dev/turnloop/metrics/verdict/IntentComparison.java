package dev.turnloop.metrics.verdict;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One intent's metric on the old version (control) and the new one (treatment), split by user segment so the
 * comparison can be made within segments. Plain data: a processor rebuilds it from its counters at every look.
 */
public record IntentComparison(
        String intentId,
        String metric,
        Direction direction,
        String controlVersion,
        String treatmentVersion,
        List<SegmentCounts> segments) {

    public IntentComparison {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(controlVersion, "controlVersion");
        Objects.requireNonNull(treatmentVersion, "treatmentVersion");
        segments = List.copyOf(segments);
        var names = new HashSet<String>();
        for (SegmentCounts s : segments) {
            if (!names.add(s.segment())) {
                throw new IllegalArgumentException("segment listed twice: " + s.segment());
            }
        }
    }

    /** All control conversations, matched or not. */
    public ArmCounts controlTotal() {
        return segments.stream().map(SegmentCounts::control).reduce(ArmCounts.EMPTY, ArmCounts::plus);
    }

    /** All treatment conversations, matched or not. */
    public ArmCounts treatmentTotal() {
        return segments.stream().map(SegmentCounts::treatment).reduce(ArmCounts.EMPTY, ArmCounts::plus);
    }
}
