package io.stockline.inventory.planning.domain.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.stockline.inventory.planning.domain.DemandDay;

/**
 * Daily demand prepared for forecasting: one value per calendar day, oldest first, with the days whose value is not
 * the baseline marked unknown. A stockout day sold less than was wanted (censored) and a promotion day sold more than
 * the baseline, so reading either as demand would teach a model zeros or spikes that are not the item's demand: the
 * models skip them (the smoothing models carry their own one-step estimate through such a day, so the calendar and
 * the weekly phase stay aligned).
 */
public record DemandSeries(double[] values, boolean[] known) {

    public DemandSeries {
        if (values.length != known.length) {
            throw new IllegalArgumentException("values and known differ in length");
        }
    }

    public static DemandSeries of(List<DemandDay> history) {
        double[] values = new double[history.size()];
        boolean[] known = new boolean[history.size()];
        for (int i = 0; i < values.length; i++) {
            DemandDay day = history.get(i);
            values[i] = day.sold();
            known[i] = !day.stockout() && !day.promotion();
        }
        return new DemandSeries(values, known);
    }

    /** Every day known: a series from plain numbers (tests, synthetic data). */
    public static DemandSeries of(double... values) {
        boolean[] known = new boolean[values.length];
        Arrays.fill(known, true);
        return new DemandSeries(values.clone(), known);
    }

    public int size() {
        return values.length;
    }

    public int knownCount() {
        int count = 0;
        for (boolean k : known) {
            if (k) {
                count++;
            }
        }
        return count;
    }

    /** The first {@code days} days. */
    public DemandSeries head(int days) {
        return new DemandSeries(Arrays.copyOf(values, days), Arrays.copyOf(known, days));
    }

    /** The known values of the last {@code days} days, oldest first. */
    public double[] lastKnown(int days) {
        return IntStream.range(Math.max(0, size() - days), size()).filter(i -> known[i]).mapToDouble(i -> values[i])
                .toArray();
    }
}
