package io.stockline.inventory.planning.domain;

import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Computes a replenishment policy from demand history and supply terms.
 *
 * <p>First form: a moving average over the non-promotion, non-stockout days and the textbook safety stock
 * z x sqrt(LT x sd_d^2 + d^2 x sd_LT^2). The forecasting models chosen per demand pattern replace the average.
 */
public final class PolicyCalculator {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /** Stockline's policy for one SKU at one location. */
    public PlanningPolicy stockline(PolicyInput input) {
        SummaryStatistics demand = baseline(input.history());
        double daily = demand.getN() == 0 ? 0 : demand.getMean();
        double spread = demand.getN() < 2 ? 0 : demand.getStandardDeviation();
        SupplyTerms supply = input.supply();
        double safety = safetyStock(input.serviceLevel(), supply.leadTimeMeanDays(), spread, daily,
                supply.leadTimeStdDevDays());
        long reorderPoint = (long) Math.ceil(daily * supply.leadTimeMeanDays() + safety);
        long quantity = roundToTerms(Math.ceil(daily * Math.max(supply.leadTimeMeanDays(), 1)), supply);
        return new PlanningPolicy(PolicyKind.STOCKLINE, "MOVING_AVERAGE", daily, spread, Double.NaN, Double.NaN,
                safety, reorderPoint, quantity);
    }

    /** z(service level) x sqrt(LT x sd_d^2 + d^2 x sd_LT^2). */
    public static double safetyStock(double serviceLevel, double leadTimeDays, double dailyStdDev, double daily,
            double leadTimeStdDevDays) {
        double z = STANDARD_NORMAL.inverseCumulativeProbability(serviceLevel);
        return z * Math.sqrt(leadTimeDays * dailyStdDev * dailyStdDev
                + daily * daily * leadTimeStdDevDays * leadTimeStdDevDays);
    }

    /** At least the supplier's minimum, in whole multiples. */
    public static long roundToTerms(double quantity, SupplyTerms supply) {
        long wanted = Math.max((long) Math.ceil(quantity), Math.max(supply.minimumQuantity(), 1));
        long multiple = Math.max(supply.multiple(), 1);
        return ((wanted + multiple - 1) / multiple) * multiple;
    }

    private static SummaryStatistics baseline(List<DemandDay> history) {
        SummaryStatistics statistics = new SummaryStatistics();
        history.stream().filter(day -> !day.stockout() && !day.promotion()).forEach(day -> statistics.addValue(day.sold()));
        return statistics;
    }
}
