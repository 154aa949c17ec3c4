package io.stockline.inventory.planning.domain.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the forecast method of a series by its measured error: the last {@link #HOLDOUT} days are held out, each
 * method fit for the series' pattern is fitted on the days before and forecasts the held-out days from there (as the
 * policy uses it: many days ahead from one origin), and the method with the lowest MASE wins and is refitted on the
 * whole history.
 *
 * <p>Candidates: for smooth and erratic demand the moving average, Holt-Winters and (over a year of history) its
 * yearly form; for intermittent and lumpy demand Croston and SBA. The moving average is not offered for intermittent
 * demand: MASE is a mean absolute error, which rewards forecasting too little on a series of mostly zeros, and a
 * short window's mean swings with the number of demands that fell in it. With too short a history to hold out
 * (fewer than {@link #HOLDOUT} + {@link #MINIMUM_FIT} days) the pattern's default is taken (Holt-Winters, or SBA)
 * with MASE and bias NaN, and below its minimum history the moving average.
 *
 * <p>MASE = mean |forecast - actual| over the known held-out days / mean |y(t) - y(t-1)| over consecutive known days
 * before them (the in-sample naive forecast; below 1 beats it). Bias = mean (forecast - actual) / mean actual over the
 * known held-out days: positive forecasts too much.
 */
public final class MethodChooser {

    public static final int HOLDOUT = 28;
    public static final int MINIMUM_FIT = 56;
    static final int AVERAGE_WINDOW = 28;

    private final MovingAverage movingAverage = new MovingAverage(AVERAGE_WINDOW);
    private final HoltWinters holtWinters = new HoltWinters();
    private final Croston sba = Croston.sba();
    private final List<ForecastMethod> regular = List.of(movingAverage, holtWinters, new YearlyHoltWinters());
    private final List<ForecastMethod> intermittent = List.of(Croston.croston(), sba);

    /** The chosen forecast over {@code horizon} days and how the candidates scored. */
    public record Choice(DemandPattern pattern, Forecast forecast, double mase, double bias,
            Map<String, Double> maseByMethod) {
    }

    public Choice choose(DemandSeries series, int horizon) {
        DemandPattern pattern = DemandPattern.classify(series);
        List<ForecastMethod> candidates = pattern.intermittent() ? intermittent : regular;
        Map<String, Double> scores = new LinkedHashMap<>();
        ForecastMethod chosen = null;
        double chosenMase = Double.NaN;
        double chosenBias = Double.NaN;
        if (series.size() >= HOLDOUT + MINIMUM_FIT) {
            int cut = series.size() - HOLDOUT;
            DemandSeries train = series.head(cut);
            double scale = naiveScale(train);
            for (ForecastMethod method : candidates) {
                if (train.size() < method.minimumHistory()) {
                    continue;
                }
                double[] forecast = method.fit(train, HOLDOUT).daily();
                double[] error = errors(series, cut, forecast, scale);
                scores.put(method.name(), error[0]);
                if (!Double.isNaN(error[0]) && (chosen == null || error[0] < chosenMase)) {
                    chosen = method;
                    chosenMase = error[0];
                    chosenBias = error[1];
                }
            }
        }
        if (chosen == null) {
            ForecastMethod fallback = pattern.intermittent() ? sba : holtWinters;
            chosen = series.size() >= fallback.minimumHistory() ? fallback : movingAverage;
        }
        return new Choice(pattern, chosen.fit(series, horizon), chosenMase, chosenBias, scores);
    }

    /** {MASE, bias} of a forecast of the days from {@code cut} on; NaN where nothing known is held out or no scale. */
    private static double[] errors(DemandSeries series, int cut, double[] forecast, double scale) {
        double absolute = 0;
        double signed = 0;
        double actual = 0;
        int count = 0;
        for (int t = cut; t < series.size(); t++) {
            if (series.known()[t]) {
                double error = forecast[t - cut] - series.values()[t];
                absolute += Math.abs(error);
                signed += error;
                actual += series.values()[t];
                count++;
            }
        }
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mase = scale > 0 ? absolute / count / scale : Double.NaN;
        double bias = actual > 0 ? signed / actual : Double.NaN;
        return new double[] {mase, bias};
    }

    /** Mean absolute one-day change over consecutive known days: the in-sample naive forecast's error. */
    static double naiveScale(DemandSeries train) {
        double sum = 0;
        int count = 0;
        for (int t = 1; t < train.size(); t++) {
            if (train.known()[t] && train.known()[t - 1]) {
                sum += Math.abs(train.values()[t] - train.values()[t - 1]);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
