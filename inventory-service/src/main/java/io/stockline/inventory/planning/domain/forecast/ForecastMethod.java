package io.stockline.inventory.planning.domain.forecast;

/** One way to forecast daily demand: fit on a history, forecast the next days. */
public interface ForecastMethod {

    /** The name stored with a policy (PlanningPolicy#forecastMethod). */
    String name();

    /** The fewest days of history this method can be fitted on. */
    int minimumHistory();

    /** Fits on {@code history} and forecasts the {@code horizon} days after it. */
    Forecast fit(DemandSeries history, int horizon);
}
