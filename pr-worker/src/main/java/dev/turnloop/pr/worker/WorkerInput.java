package dev.turnloop.pr.worker;

import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.CohortVerdict;

/** The two kinds of record the worker's processor consumes, merged into one stream. */
sealed interface WorkerInput {
    /** A breach from the breaches topic (repartitioned to the worker's single partition). */
    record BreachArrived(Breach breach) implements WorkerInput {
    }

    /** A verdict from the cohort-verdicts topic. */
    record VerdictArrived(CohortVerdict verdict) implements WorkerInput {
    }
}
