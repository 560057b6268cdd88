package dev.turnloop.app.eval;

/** Precision, recall and F1 of a yes/no detector against gold labels. */
public final class BinaryScores {

    private long truePositives;
    private long falsePositives;
    private long falseNegatives;
    private long trueNegatives;

    public void add(boolean predicted, boolean gold) {
        if (predicted && gold) {
            truePositives++;
        } else if (predicted) {
            falsePositives++;
        } else if (gold) {
            falseNegatives++;
        } else {
            trueNegatives++;
        }
    }

    public double precision() {
        long predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    public double recall() {
        long gold = truePositives + falseNegatives;
        return gold == 0 ? 0 : (double) truePositives / gold;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    public long goldPositives() {
        return truePositives + falseNegatives;
    }
}
