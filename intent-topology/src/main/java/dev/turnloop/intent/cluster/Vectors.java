package dev.turnloop.intent.cluster;

/**
 * Dot products and norms over float vectors, written with four independent sums so that the JIT can keep several
 * multiply-adds in flight: clustering spends most of its time here.
 */
public final class Vectors {

    private Vectors() {
    }

    /** Dot product of {@code a} and {@code b}, which must have the same length. */
    public static float dot(float[] a, float[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    /** Dot product of {@code length} components of {@code a} from {@code offsetA} and of {@code b} from {@code offsetB}. */
    public static float dot(float[] a, int offsetA, float[] b, int offsetB, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[offsetA + i] * b[offsetB + i];
            s1 += a[offsetA + i + 1] * b[offsetB + i + 1];
            s2 += a[offsetA + i + 2] * b[offsetB + i + 2];
            s3 += a[offsetA + i + 3] * b[offsetB + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[offsetA + i] * b[offsetB + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Euclidean length of {@code v}. */
    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** A unit-length copy of {@code v}; a zero vector stays zero. */
    public static float[] unit(float[] v) {
        double norm = norm(v);
        float[] u = new float[v.length];
        if (norm == 0) {
            return u;
        }
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }

    /** A unit-length float copy of {@code v}; a zero vector stays zero. */
    public static float[] unit(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        float[] u = new float[v.length];
        if (s == 0) {
            return u;
        }
        double scale = 1 / Math.sqrt(s);
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] * scale);
        }
        return u;
    }
}
