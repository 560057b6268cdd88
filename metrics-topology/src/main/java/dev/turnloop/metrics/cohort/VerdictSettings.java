package dev.turnloop.metrics.cohort;

import java.time.Duration;

/**
 * How shipped changes are judged. The planned volume per arm comes with each change event.
 *
 * @param alpha           error budget of KEEP and of REVERT-for-regression claims (see the verdict package)
 * @param minVolumePerArm no verdict before both arms have this many segment-matched conversations of the target
 *                        intent (capped at the change's planned volume)
 * @param emitEvery       while NEED_MORE_DATA, publish a progress verdict every this many counted conversations;
 *                        a changed verdict is always published at once
 * @param controlLookback conversations on the old version up to this long before the deployment count as control,
 *                        so a change that replaces its version everywhere still has a control arm
 * @param historyBucket   granularity of the per-version history the control arm is seeded from
 */
public record VerdictSettings(double alpha, long minVolumePerArm, int emitEvery, Duration controlLookback,
                              Duration historyBucket) {

    public VerdictSettings {
        if (!(alpha > 0 && alpha < 0.5) || minVolumePerArm < 1 || emitEvery < 1) {
            throw new IllegalArgumentException("need 0 < alpha < 0.5, minVolumePerArm >= 1, emitEvery >= 1");
        }
        if (controlLookback.isNegative() || historyBucket.isZero() || historyBucket.isNegative()) {
            throw new IllegalArgumentException("need controlLookback >= 0 and a positive historyBucket");
        }
    }

    /** alpha 0.05, 100 matched conversations per arm at least, progress every 100, one week of control history. */
    public static VerdictSettings defaults() {
        return new VerdictSettings(0.05, 100, 100, Duration.ofDays(7), Duration.ofDays(1));
    }
}
