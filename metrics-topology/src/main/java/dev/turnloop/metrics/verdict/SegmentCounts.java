package dev.turnloop.metrics.verdict;

import java.util.Objects;

/** Control and treatment counts of one user segment (e.g. "plan=trial,user=new"), the unit of matching. */
public record SegmentCounts(String segment, ArmCounts control, ArmCounts treatment) {

    public SegmentCounts {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(treatment, "treatment");
    }

    /** Only segments seen in both arms can be compared. */
    public boolean matched() {
        return control.conversations() > 0 && treatment.conversations() > 0;
    }
}
