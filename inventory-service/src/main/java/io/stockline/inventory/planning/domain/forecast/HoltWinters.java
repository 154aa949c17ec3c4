package io.stockline.inventory.planning.domain.forecast;

/**
 * Exponential smoothing with a damped additive trend and additive weekly seasonality (Holt-Winters, Gardner's damped
 * trend). No library we may use has it (Commons Math has no time-series models), so the recursion is written here:
 *
 * <pre>
 *   forecast f(t) = l + phi b + s[t mod 7]
 *   l' = alpha (y - s) + (1 - alpha)(l + phi b)
 *   b' = beta (l' - l) + (1 - beta) phi b
 *   s' = gamma (y - l') + (1 - gamma) s
 *   h days ahead: l + (phi + phi^2 + ... + phi^h) b + s[(n + h - 1) mod 7]
 * </pre>
 *
 * The smoothing parameters are the grid point with the least in-sample one-step squared error (the grid is small
 * so that a weekly run over every SKU and location stays cheap; beta = 0 is the no-trend model). On an unknown day
 * (stockout, promotion) the model takes its own forecast as the observation: the states move on without an error.
 */
public final class HoltWinters implements ForecastMethod {

    public static final String NAME = "HOLT_WINTERS";
    static final int PERIOD = 7;
    /** The first two weeks only start the states; their errors do not judge the parameters. */
    private static final int BURN_IN = 2 * PERIOD;

    private static final double[] ALPHAS = {0.03, 0.1, 0.2, 0.4};
    private static final double[] GAMMAS = {0.01, 0.05, 0.15, 0.3};
    /** (beta, phi) pairs: no trend, and damped trends from slow to quick. */
    private static final double[][] TRENDS = {{0, 0}, {0.02, 0.9}, {0.02, 0.98}, {0.1, 0.98}, {0.05, 0.995}};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int minimumHistory() {
        return 4 * PERIOD;
    }

    @Override
    public Forecast fit(DemandSeries history, int horizon) {
        Fit best = null;
        for (double alpha : ALPHAS) {
            for (double gamma : GAMMAS) {
                for (double[] trend : TRENDS) {
                    Fit fit = run(history, alpha, trend[0], gamma, trend[1]);
                    if (best == null || fit.squaredErrors < best.squaredErrors) {
                        best = fit;
                    }
                }
            }
        }
        return new Forecast(NAME, best.forecast(history.size(), horizon), best.residualStdDev());
    }

    /** One pass of the recursion with fixed parameters; visible to the tests. */
    static Fit run(DemandSeries history, double alpha, double beta, double gamma, double phi) {
        double[] y = history.values();
        boolean[] known = history.known();
        Fit fit = initial(history);
        fit.alpha = alpha;
        fit.beta = beta;
        fit.gamma = gamma;
        fit.phi = phi;
        for (int t = 0; t < y.length; t++) {
            int j = t % PERIOD;
            double expected = fit.level + phi * fit.trend + fit.season[j];
            double observed = expected;
            if (known[t]) {
                observed = y[t];
                if (t >= BURN_IN) {
                    double error = observed - expected;
                    fit.squaredErrors += error * error;
                    fit.errors++;
                }
            }
            double level = alpha * (observed - fit.season[j]) + (1 - alpha) * (fit.level + phi * fit.trend);
            fit.trend = beta * (level - fit.level) + (1 - beta) * phi * fit.trend;
            fit.season[j] = gamma * (observed - level) + (1 - gamma) * fit.season[j];
            fit.level = level;
        }
        return fit;
    }

    /**
     * Starting states from the first weeks (up to four): the level is the first week's mean, the trend the slope from
     * the first week's mean to the last one's, each weekday's season its mean distance from its week's mean.
     */
    private static Fit initial(DemandSeries history) {
        double[] y = history.values();
        boolean[] known = history.known();
        int weeks = Math.max(1, Math.min(4, y.length / PERIOD));
        double[] weekMean = new double[weeks];
        double overall = 0;
        int overallCount = 0;
        for (int w = 0; w < weeks; w++) {
            double sum = 0;
            int count = 0;
            for (int t = w * PERIOD; t < Math.min(y.length, (w + 1) * PERIOD); t++) {
                if (known[t]) {
                    sum += y[t];
                    count++;
                }
            }
            weekMean[w] = count == 0 ? Double.NaN : sum / count;
            overall += sum;
            overallCount += count;
        }
        double mean = overallCount == 0 ? 0 : overall / overallCount;
        for (int w = 0; w < weeks; w++) {
            if (Double.isNaN(weekMean[w])) {
                weekMean[w] = mean;
            }
        }
        Fit fit = new Fit();
        fit.level = weekMean[0];
        fit.trend = weeks < 2 ? 0 : (weekMean[weeks - 1] - weekMean[0]) / ((weeks - 1) * PERIOD);
        int[] count = new int[PERIOD];
        for (int t = 0; t < Math.min(y.length, weeks * PERIOD); t++) {
            if (known[t]) {
                fit.season[t % PERIOD] += y[t] - weekMean[t / PERIOD];
                count[t % PERIOD]++;
            }
        }
        for (int j = 0; j < PERIOD; j++) {
            fit.season[j] = count[j] == 0 ? 0 : fit.season[j] / count[j];
        }
        return fit;
    }

    /** The states after a pass, and its one-step errors. */
    static final class Fit {
        double alpha;
        double beta;
        double gamma;
        double phi;
        double level;
        double trend;
        final double[] season = new double[PERIOD];
        double squaredErrors;
        int errors;

        double residualStdDev() {
            return errors < 2 ? 0 : Math.sqrt(squaredErrors / errors);
        }

        /** The {@code horizon} days after a history of {@code length} days, never below zero. */
        double[] forecast(int length, int horizon) {
            double[] daily = new double[horizon];
            double damping = 0;
            double power = 1;
            for (int h = 1; h <= horizon; h++) {
                power *= phi;
                damping += power;
                daily[h - 1] = Math.max(0, level + damping * trend + season[(length + h - 1) % PERIOD]);
            }
            return daily;
        }
    }
}
