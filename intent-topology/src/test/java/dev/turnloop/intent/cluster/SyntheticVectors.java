package dev.turnloop.intent.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Unit vectors scattered around chosen centres, standing in for sentence embeddings: with noise 0.5 two items of one
 * centre have a cosine similarity near 0.8, items of orthogonal centres near 0.
 */
final class SyntheticVectors {

    static final int DIMENSION = 32;
    static final double NOISE = 0.5;

    private final Random random;

    SyntheticVectors(long seed) {
        random = new Random(seed);
    }

    /** The k-th axis: centres on different axes are orthogonal. */
    static float[] axis(int k) {
        float[] v = new float[DIMENSION];
        v[k] = 1;
        return v;
    }

    /** A unit vector along the given leading components, the others zero. */
    static float[] direction(float... leading) {
        return Vectors.unit(Arrays.copyOf(leading, DIMENSION));
    }

    /** The unit vector halfway between two centres. */
    static float[] between(float[] a, float[] b) {
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a[i] + b[i];
        }
        return Vectors.unit(v);
    }

    List<float[]> around(float[] centre, int count) {
        List<float[]> items = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            float[] v = new float[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) {
                v[i] = (float) (centre[i] + random.nextGaussian() * NOISE / Math.sqrt(DIMENSION));
            }
            items.add(Vectors.unit(v));
        }
        return items;
    }
}
