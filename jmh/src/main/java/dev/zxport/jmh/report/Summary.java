package dev.zxport.jmh.report;

import java.util.Arrays;
import java.util.List;

/**
 * Median, minimum and maximum of a set of measured iterations. The report uses these instead of
 * JMH's mean and confidence interval, because on a 2-core VM the iterations of one benchmark
 * fall into several modes (vCPU placement, queue near full or near empty) and a mean lands
 * between them.
 */
record Summary(double median, double min, double max, int count) {
    static final Summary EMPTY = new Summary(Double.NaN, Double.NaN, Double.NaN, 0);

    /** Summarises {@code values}; an empty array gives {@link #EMPTY}. */
    static Summary of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }

    /** Summarises a list of values. */
    static Summary of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Returns this summary with every figure multiplied by {@code factor} (a unit change). */
    Summary scaled(double factor) {
        return new Summary(median * factor, min * factor, max * factor, count);
    }

    /**
     * Returns the value below which {@code percent} of the samples of a {@code [value, count]}
     * histogram fall (the sample at rank ceil(percent/100 * total)).
     */
    static double percentile(double[][] histogram, double percent) {
        double total = 0;
        for (double[] bucket : histogram) {
            total += bucket[1];
        }
        if (total == 0) {
            return Double.NaN;
        }
        double[][] sorted = histogram.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        double rank = Math.max(1, Math.ceil(percent / 100 * total));
        double seen = 0;
        for (double[] bucket : sorted) {
            seen += bucket[1];
            if (seen >= rank) {
                return bucket[0];
            }
        }
        return sorted[sorted.length - 1][0];
    }
}
