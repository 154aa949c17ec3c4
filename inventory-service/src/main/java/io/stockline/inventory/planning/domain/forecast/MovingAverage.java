package io.stockline.inventory.planning.domain.forecast;

import java.util.Arrays;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The fallback: the mean of the known days among the last {@code window}, flat over the horizon; its spread is the
 * standard deviation of those days (the one-step error of a flat forecast around their mean).
 */
public final class MovingAverage implements ForecastMethod {

    public static final String NAME = "MOVING_AVERAGE";

    private final int window;

    public MovingAverage(int window) {
        this.window = window;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int minimumHistory() {
        return 1;
    }

    @Override
    public Forecast fit(DemandSeries history, int horizon) {
        SummaryStatistics statistics = new SummaryStatistics();
        for (double value : history.lastKnown(window)) {
            statistics.addValue(value);
        }
        double mean = statistics.getN() == 0 ? 0 : statistics.getMean();
        double spread = statistics.getN() < 2 ? 0 : statistics.getStandardDeviation();
        double[] daily = new double[horizon];
        Arrays.fill(daily, mean);
        return new Forecast(NAME, daily, spread);
    }
}
