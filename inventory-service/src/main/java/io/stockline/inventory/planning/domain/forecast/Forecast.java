package io.stockline.inventory.planning.domain.forecast;

/**
 * What a fitted method says about the next days: the expected demand of each day ahead ({@code daily[0]} is the day
 * after the history) and the spread of its in-sample one-step errors, the sd_d of the safety stock.
 */
public record Forecast(String method, double[] daily, double residualStdDev) {

    /** Expected demand over the next {@code days} days; a fractional day counts its share of the day after. */
    public double total(double days) {
        double sum = 0;
        int whole = (int) Math.floor(days);
        for (int i = 0; i < whole && i < daily.length; i++) {
            sum += daily[i];
        }
        if (whole < daily.length) {
            sum += (days - whole) * daily[whole];
        }
        return sum;
    }
}
