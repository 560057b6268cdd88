package dev.turnloop.metrics.breach;

/**
 * What a metric rule watches: each intent's total over all cohorts (breach segment {@code *}), or each intent in
 * each user segment separately (breach segment = the segment).
 */
public enum RuleScope {
    INTENT,
    SEGMENT
}
