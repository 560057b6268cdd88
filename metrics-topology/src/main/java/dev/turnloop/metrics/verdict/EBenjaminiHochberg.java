package dev.turnloop.metrics.verdict;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The e-BH procedure (Wang and Ramdas, "False discovery rate control with e-values", JRSS-B 2022): with m e-values,
 * reject the k largest for the largest k whose k-th largest e-value is at least m / (alpha k). Valid under any
 * dependence between the e-values, and at a data-dependent stopping time when they come from e-processes; under
 * the global null it bounds the chance of any rejection by alpha.
 */
final class EBenjaminiHochberg {

    private EBenjaminiHochberg() {
    }

    /** Rejected hypotheses (indices into the input, largest e-value first) and the threshold they cleared. */
    record Selection(List<Integer> rejected, double threshold) {
    }

    static Selection select(double[] eValues, double alpha) {
        int m = eValues.length;
        List<Integer> byEvidence = IntStream.range(0, m).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> eValues[i]).reversed())
                .toList();
        int rejections = 0;
        for (int k = 1; k <= m; k++) {
            if (eValues[byEvidence.get(k - 1)] >= m / (alpha * k)) {
                rejections = k;
            }
        }
        double threshold = m / (alpha * Math.max(rejections, 1));
        return new Selection(byEvidence.subList(0, rejections), threshold);
    }
}
