package io.stockline.inventory.planning.domain.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Known series for the forecast tests. */
final class Series {

    private Series() {
    }

    static double[] of(int days, IntToDoubleFunction value) {
        double[] values = new double[days];
        for (int t = 0; t < days; t++) {
            values[t] = value.applyAsDouble(t);
        }
        return values;
    }

    static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static double[] constant(int days, double value) {
        return of(days, t -> value);
    }

    /** 5 + 0.5 t. */
    static double[] trend(int days) {
        return of(days, t -> 5 + 0.5 * t);
    }

    /** 20 + 5 sin(2 pi t / 7): a weekly sine. */
    static double weeklySine(int t) {
        return 20 + 5 * Math.sin(2 * Math.PI * t / 7);
    }

    /** 10 units on every 5th day (days 4, 9, 14, ...), none between. */
    static double[] everyFifthDay(int days) {
        return of(days, t -> t % 5 == 4 ? 10 : 0);
    }
}
