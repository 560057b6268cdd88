package dev.turnloop.metrics.cohort;

import dev.turnloop.metrics.window.BinaryCodec;
import dev.turnloop.metrics.window.OutcomeCounts;

/** Outcome counts of the control (old version) and treatment (new version) arm of one change, intent and segment. */
record ArmOutcomes(OutcomeCounts control, OutcomeCounts treatment) {

    private static final int LAYOUT = 1;
    static final ArmOutcomes EMPTY = new ArmOutcomes(OutcomeCounts.ZERO, OutcomeCounts.ZERO);

    ArmOutcomes plus(ChangeArm arm, OutcomeCounts counts) {
        return arm == ChangeArm.CONTROL ? new ArmOutcomes(control.plus(counts), treatment)
                : new ArmOutcomes(control, treatment.plus(counts));
    }

    byte[] encode() {
        return BinaryCodec.encode(LAYOUT, out -> {
            control.writeTo(out);
            treatment.writeTo(out);
        });
    }

    static ArmOutcomes decode(byte[] bytes) {
        return BinaryCodec.decode(bytes, LAYOUT, "arm outcomes",
                in -> new ArmOutcomes(OutcomeCounts.readFrom(in), OutcomeCounts.readFrom(in)));
    }
}
