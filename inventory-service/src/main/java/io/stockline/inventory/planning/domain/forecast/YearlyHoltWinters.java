package io.stockline.inventory.planning.domain.forecast;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Holt-Winters with a yearly component on top, for histories longer than a year. The yearly shape is two Fourier
 * harmonics (sin and cos of 2 pi k t / 365.25, k = 1, 2), fitted by least squares (Commons Math's OLS) together with a
 * linear trend and weekday dummies so that neither leaks into it; two harmonics follow a smooth season (a summer or a
 * winter peak) without chasing last year's noise, which day-of-year factors from one year would. The yearly
 * component is taken out of the known days, the weekly damped-trend model of {@link HoltWinters} is fitted on what
 * is left, and the forecast adds the component back for the days ahead.
 */
public final class YearlyHoltWinters implements ForecastMethod {

    public static final String NAME = "HOLT_WINTERS_YEARLY";
    private static final double YEAR = 365.25;
    private static final int HARMONICS = 2;

    private final HoltWinters weekly = new HoltWinters();

    @Override
    public String name() {
        return NAME;
    }

    /** More than a year: a week beyond it, so that each part of the year has been seen once. */
    @Override
    public int minimumHistory() {
        return 371;
    }

    @Override
    public Forecast fit(DemandSeries history, int horizon) {
        double[] yearly = yearlyCoefficients(history);
        double[] adjusted = history.values().clone();
        for (int t = 0; t < adjusted.length; t++) {
            adjusted[t] -= component(yearly, t);
        }
        Forecast rest = weekly.fit(new DemandSeries(adjusted, history.known()), horizon);
        double[] daily = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            daily[h] = Math.max(0, rest.daily()[h] + component(yearly, history.size() + h));
        }
        return new Forecast(NAME, daily, rest.residualStdDev());
    }

    /** The sin and cos coefficients of each harmonic; zeros when the regression cannot be solved. */
    static double[] yearlyCoefficients(DemandSeries history) {
        int known = history.knownCount();
        int columns = 1 + 2 * HARMONICS + (HoltWinters.PERIOD - 1);
        double[] y = new double[known];
        double[][] x = new double[known][columns];
        int row = 0;
        for (int t = 0; t < history.size(); t++) {
            if (!history.known()[t]) {
                continue;
            }
            y[row] = history.values()[t];
            x[row][0] = t / YEAR;
            for (int k = 1; k <= HARMONICS; k++) {
                x[row][2 * k - 1] = Math.sin(2 * Math.PI * k * t / YEAR);
                x[row][2 * k] = Math.cos(2 * Math.PI * k * t / YEAR);
            }
            int weekday = t % HoltWinters.PERIOD;
            if (weekday > 0) {
                x[row][2 * HARMONICS + weekday] = 1;
            }
            row++;
        }
        double[] harmonics = new double[2 * HARMONICS];
        if (known <= columns + 1) {
            return harmonics;
        }
        try {
            OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
            regression.newSampleData(y, x);
            double[] beta = regression.estimateRegressionParameters();
            // beta[0] is the intercept and beta[1] the trend: the harmonics follow them
            System.arraycopy(beta, 2, harmonics, 0, harmonics.length);
        } catch (MathIllegalArgumentException e) {
            // a degenerate history (e.g. all known days zero except one weekday): no yearly shape to take out
        }
        return harmonics;
    }

    static double component(double[] harmonics, int t) {
        double value = 0;
        for (int k = 1; k <= HARMONICS; k++) {
            value += harmonics[2 * k - 2] * Math.sin(2 * Math.PI * k * t / YEAR)
                    + harmonics[2 * k - 1] * Math.cos(2 * Math.PI * k * t / YEAR);
        }
        return value;
    }
}
