package dev.turnloop.pr.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the worker acts. Every {@code cycleInterval} (wall clock) it polls its open pull requests for merges, retries
 * pending reverts and opens pull requests for the best-ranked eligible items, while fewer than
 * {@code maxOpenPullRequests} of its pull requests await review. With the defaults that is "the top item with a
 * known mechanism and no pull request yet, one at a time"; a higher limit with {@code minScore} gives "every item
 * over a score threshold".
 *
 * @param maxOpenPullRequests how many of the worker's pull requests may await review at once
 * @param minScore items scoring below this never get a pull request
 * @param cycleInterval how often to poll and open pull requests (a webhook nudge polls sooner)
 * @param tick how often the worker checks for webhook nudges and due cycles
 * @param retryBackoff wait after a transient failure (network, forge rate limit)
 * @param blockedRetry wait after a lasting one (a file that does not allow the change, nothing to change)
 * @param plannedVolumePerArm conversations per arm a verdict should wait for, written into each ChangeEvent
 * @param maxEvidence evidence conversations kept on an item
 */
public record WorkerSettings(int maxOpenPullRequests, double minScore, Duration cycleInterval, Duration tick,
        Duration retryBackoff, Duration blockedRetry, int plannedVolumePerArm, int maxEvidence) {

    public WorkerSettings {
        List<String> problems = new ArrayList<>();
        if (maxOpenPullRequests < 1) {
            problems.add("max_open_pull_requests must be at least 1");
        }
        if (!(minScore >= 0)) {
            problems.add("min_score must be zero or more");
        }
        for (Duration d : new Duration[] {cycleInterval, tick, retryBackoff, blockedRetry}) {
            if (d == null || d.isNegative() || d.isZero()) {
                problems.add("intervals must be positive");
                break;
            }
        }
        if (plannedVolumePerArm < 1 || maxEvidence < 1) {
            problems.add("planned_volume_per_arm and max_evidence must be positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(1, 0.0, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofHours(24), 500, 10);
    }

    public WorkerSettings withCycleInterval(Duration interval) {
        return new WorkerSettings(maxOpenPullRequests, minScore, interval, tick, retryBackoff, blockedRetry,
                plannedVolumePerArm, maxEvidence);
    }

    public WorkerSettings withMaxOpenPullRequests(int max, double threshold) {
        return new WorkerSettings(max, threshold, cycleInterval, tick, retryBackoff, blockedRetry, plannedVolumePerArm,
                maxEvidence);
    }
}
