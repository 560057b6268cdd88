package dev.turnloop.metrics.breach;

/** A rule that opens a breach; see {@link BreachRules} for the file format. */
public sealed interface BreachRule permits ThresholdRule, BaselineDropRule, IntentEventRule {

    /** Unique id; the first part of the breach id {@code rule_id|intent_id|segment}. */
    String id();
}
