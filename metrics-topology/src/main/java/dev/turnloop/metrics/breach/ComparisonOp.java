package dev.turnloop.metrics.breach;

import java.util.Arrays;

/** How a threshold rule compares a metric with its threshold; the side it fires on is the "bad" side. */
public enum ComparisonOp {
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    ComparisonOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static ComparisonOp of(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("op must be one of >, >=, <, <=; got: " + symbol));
    }

    /** True when {@code value} is on the firing side of {@code threshold}. */
    public boolean fires(double value, double threshold) {
        return switch (this) {
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
        };
    }

    /** True when {@code value} is back on the good side, at least {@code margin} away from the threshold. */
    public boolean clears(double value, double threshold, double margin) {
        return firesAbove() ? value <= threshold - margin : value >= threshold + margin;
    }

    /** True for the ops that fire on high values. */
    public boolean firesAbove() {
        return this == GREATER || this == GREATER_OR_EQUAL;
    }
}
