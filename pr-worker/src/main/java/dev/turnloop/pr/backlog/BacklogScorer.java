package dev.turnloop.pr.backlog;

import dev.turnloop.schemas.FixCost;

/**
 * The backlog score, {@code ln(1 + frequency)^wf * severity^ws / cost^wc} (see {@link ScoringSettings}). Higher is
 * more worth fixing first.
 */
public final class BacklogScorer {
    private final ScoringSettings settings;

    public BacklogScorer(ScoringSettings settings) {
        this.settings = settings;
    }

    /**
     * @param frequency conversations that hit the problem
     * @param severity severity weight in (0, 1]
     */
    public double score(long frequency, double severity, FixCost fixCost) {
        double f = Math.log1p(Math.max(0, frequency));
        return Math.pow(f, settings.frequencyWeight()) * Math.pow(severity, settings.severityWeight())
                / Math.pow(settings.costOf(fixCost), settings.fixCostWeight());
    }
}
