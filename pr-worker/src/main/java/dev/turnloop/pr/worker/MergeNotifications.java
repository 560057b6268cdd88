package dev.turnloop.pr.worker;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A nudge from the merge webhook to the worker: "some pull request was merged, check now rather than at the next
 * poll". It carries no facts the worker acts on; the forge stays the source of truth, so a lost or forged nudge
 * costs at most one poll interval or one extra poll.
 */
public final class MergeNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(MergeNotifications.class);
    private final AtomicBoolean pending = new AtomicBoolean();

    /** Called by the webhook for a merged pull request. */
    public void merged(int pullRequestNumber) {
        LOG.info("webhook: pull request #{} was merged; checking open pull requests now", pullRequestNumber);
        pending.set(true);
    }

    /** True once after one or more notifications. */
    boolean takePending() {
        return pending.getAndSet(false);
    }
}
