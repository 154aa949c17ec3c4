package io.stockline.inventory.planning.simulation;

import java.util.List;

/**
 * What a policy did over the simulated days, summed over the series: units wanted and served, stock at the start,
 * received and at the end (opening + received - served = closing), days that ended out of stock or lost a sale,
 * orders placed, and the stock value held at each day's end summed over the days.
 */
public record Outcome(long demanded, long served, long opening, long received, long closing, long stockoutDays,
        long orders, double inventoryValueDays, int days) {

    public static Outcome sum(List<Outcome> parts, int days) {
        long demanded = 0, served = 0, opening = 0, received = 0, closing = 0, stockoutDays = 0, orders = 0;
        double value = 0;
        for (Outcome part : parts) {
            demanded += part.demanded;
            served += part.served;
            opening += part.opening;
            received += part.received;
            closing += part.closing;
            stockoutDays += part.stockoutDays;
            orders += part.orders;
            value += part.inventoryValueDays;
        }
        return new Outcome(demanded, served, opening, received, closing, stockoutDays, orders, value, days);
    }

    /** Units served / units demanded. */
    public double fillRate() {
        return demanded == 0 ? 1 : (double) served / demanded;
    }

    /** The stock value held at a day's end, on average over the days. */
    public double averageInventoryValue() {
        return days == 0 ? 0 : inventoryValueDays / days;
    }
}
