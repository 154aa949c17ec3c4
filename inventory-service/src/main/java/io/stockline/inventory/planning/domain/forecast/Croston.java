package io.stockline.inventory.planning.domain.forecast;

import java.util.Arrays;

/**
 * Croston's method for intermittent demand: smooths the size of the non-zero demands (z) and the interval between
 * them (p) apart, and forecasts z / p a day. Croston's forecast is biased upwards (E[z/p] > E[z]/E[p]); the SBA
 * variant of Syntetos and Boylan multiplies it by (1 - alpha / 2). Unknown days (stockout, promotion) are skipped:
 * they neither end nor lengthen an interval.
 */
public final class Croston implements ForecastMethod {

    public static final String CROSTON = "CROSTON";
    public static final String SBA = "SBA";

    private final double alpha;
    private final boolean sba;

    public Croston(double alpha, boolean sba) {
        this.alpha = alpha;
        this.sba = sba;
    }

    /** Croston with the usual alpha = 0.1. */
    public static Croston croston() {
        return new Croston(0.1, false);
    }

    /** SBA with the usual alpha = 0.1, i.e. 0.95 x Croston. */
    public static Croston sba() {
        return new Croston(0.1, true);
    }

    @Override
    public String name() {
        return sba ? SBA : CROSTON;
    }

    @Override
    public int minimumHistory() {
        return 14;
    }

    @Override
    public Forecast fit(DemandSeries history, int horizon) {
        double factor = sba ? 1 - alpha / 2 : 1;
        double size = Double.NaN;
        double interval = Double.NaN;
        int sinceLast = 0;
        double squaredErrors = 0;
        int errors = 0;
        for (int t = 0; t < history.size(); t++) {
            if (!history.known()[t]) {
                continue;
            }
            double y = history.values()[t];
            sinceLast++;
            if (!Double.isNaN(size)) {
                double error = y - factor * size / interval;
                squaredErrors += error * error;
                errors++;
            }
            if (y > 0) {
                if (Double.isNaN(size)) {
                    // the first demand starts both estimates: its size, and the days up to it as the first interval
                    size = y;
                    interval = sinceLast;
                } else {
                    size += alpha * (y - size);
                    interval += alpha * (sinceLast - interval);
                }
                sinceLast = 0;
            }
        }
        double rate = Double.isNaN(size) ? 0 : factor * size / interval;
        double[] daily = new double[horizon];
        Arrays.fill(daily, rate);
        return new Forecast(name(), daily, errors < 2 ? 0 : Math.sqrt(squaredErrors / errors));
    }
}
