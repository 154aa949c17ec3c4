package io.stockline.inventory.planning.domain;

import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import io.stockline.inventory.planning.domain.forecast.DemandSeries;
import io.stockline.inventory.planning.domain.forecast.Forecast;
import io.stockline.inventory.planning.domain.forecast.MethodChooser;

/**
 * Computes a replenishment policy from demand history and supply terms.
 *
 * <p>Stockline's policy: the forecast method is chosen per series by its error on a holdout ({@link MethodChooser});
 * the reorder point is the forecast summed over the lead time plus the safety stock
 * z(service level) x sqrt(LT x sd_d^2 + d^2 x sd_LT^2), where d is the forecast's mean daily demand over the lead
 * time and sd_d the spread of its one-step errors; the order quantity covers the forecast over the lead time and the
 * review period (or the EOQ when larger and the costs are known), rounded to the supplier's minimum and multiple.
 *
 * <p>The seed formula (average daily demand x lead time + a fixed safety stock) and a min/max rule are kept as named
 * policies to compare against.
 */
public final class PolicyCalculator {

    /** The planning run is weekly unless told otherwise: an order must last until the next look. */
    public static final double DEFAULT_REVIEW_DAYS = 7;
    /** The window of the seed formula's and min/max's average: a quarter, 13 whole weeks. */
    public static final int AVERAGE_WINDOW_DAYS = 91;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final MethodChooser chooser = new MethodChooser();

    /** Stockline's policy for one SKU at one location, reviewed weekly. */
    public PlanningPolicy stockline(PolicyInput input) {
        return stockline(input, DEFAULT_REVIEW_DAYS);
    }

    /** Stockline's policy, with the days between two planning runs. */
    public PlanningPolicy stockline(PolicyInput input, double reviewDays) {
        return stockline(input, reviewDays, null, ServiceMeasure.CYCLE);
    }

    /**
     * Stockline's policy with the economic order quantity as a floor of the order quantity, when {@code costs} and
     * the unit cost are known (otherwise as without), and the service level read as {@code measure}.
     */
    public PlanningPolicy stockline(PolicyInput input, double reviewDays, OrderingCosts costs,
            ServiceMeasure measure) {
        SupplyTerms supply = input.supply();
        double leadTime = Math.max(supply.leadTimeMeanDays(), 0);
        int horizon = (int) Math.ceil(leadTime + Math.max(reviewDays, 0)) + 1;
        MethodChooser.Choice choice = chooser.choose(DemandSeries.of(input.history()), horizon);
        Forecast forecast = choice.forecast();
        double overLeadTime = forecast.total(leadTime);
        double daily = leadTime > 0 ? overLeadTime / leadTime : forecast.daily()[0];
        double spread = forecast.residualStdDev();
        double cover = forecast.total(leadTime + Math.max(reviewDays, 0));
        if (costs != null) {
            // a year of the forecast's mean over the horizon, not of its first day (which carries that weekday's season)
            cover = Math.max(cover, economicOrderQuantity(forecast.total(horizon) / horizon * 365, costs, supply));
        }
        long quantity = roundToTerms(cover, supply);
        double safety = measure == ServiceMeasure.FILL_RATE
                ? fillRateSafetyStock(input.serviceLevel(), quantity, leadTime, spread, daily,
                        supply.leadTimeStdDevDays())
                : safetyStock(input.serviceLevel(), leadTime, spread, daily, supply.leadTimeStdDevDays());
        return new PlanningPolicy(PolicyKind.STOCKLINE, forecast.method(), daily, spread, choice.mase(), choice.bias(),
                safety, reorderPoint(overLeadTime, safety), quantity);
    }

    /**
     * The textbook seed: average daily demand (over the last {@link #AVERAGE_WINDOW_DAYS} baseline days) x lead time
     * + a fixed safety stock in units; it orders the average over the lead time and a weekly review.
     */
    public PlanningPolicy seedFormula(PolicyInput input, double fixedSafetyStock) {
        SummaryStatistics demand = baseline(input.history());
        double daily = mean(demand);
        SupplyTerms supply = input.supply();
        double leadTime = Math.max(supply.leadTimeMeanDays(), 0);
        return new PlanningPolicy(PolicyKind.SEED_FORMULA, "AVERAGE", daily, spread(demand), Double.NaN, Double.NaN,
                fixedSafetyStock, reorderPoint(daily * leadTime, fixedSafetyStock),
                roundToTerms(daily * (leadTime + DEFAULT_REVIEW_DAYS), supply));
    }

    /**
     * A min/max rule in days of average demand: reorder at min = average x {@code minDays}, order up to max =
     * average x {@code maxDays}. The policy's reorder point is min and its order quantity max - min: what it orders
     * when the position sits at min (orderUpTo gives what to order from another position).
     */
    public PlanningPolicy minMax(PolicyInput input, double minDays, double maxDays) {
        SummaryStatistics demand = baseline(input.history());
        double daily = mean(demand);
        long min = (long) Math.ceil(daily * minDays);
        long max = Math.max(min, (long) Math.ceil(daily * maxDays));
        double safety = Math.max(0, min - daily * input.supply().leadTimeMeanDays());
        return new PlanningPolicy(PolicyKind.MIN_MAX, "AVERAGE", daily, spread(demand), Double.NaN, Double.NaN, safety,
                min, max - min);
    }

    /** A min/max policy's order from {@code position}: up to max, rounded to the supplier's terms. */
    public static long orderUpTo(PlanningPolicy minMax, long position, SupplyTerms supply) {
        return roundToTerms(minMax.reorderPoint() + minMax.orderQuantity() - position, supply);
    }

    /** z(service level) x sqrt(LT x sd_d^2 + d^2 x sd_LT^2). */
    public static double safetyStock(double serviceLevel, double leadTimeDays, double dailyStdDev, double daily,
            double leadTimeStdDevDays) {
        double z = STANDARD_NORMAL.inverseCumulativeProbability(serviceLevel);
        return z * Math.sqrt(leadTimeDays * dailyStdDev * dailyStdDev
                + daily * daily * leadTimeStdDevDays * leadTimeStdDevDays);
    }

    /**
     * The same z x sqrt(LT x sd_d^2 + d^2 x sd_LT^2) with z for a fill rate: the z at which the expected shortage of
     * a cycle, sigma_L x G(z), is (1 - fill rate) x the order quantity; never below 0 (a safety stock under the lead
     * time's demand would plan to run out).
     */
    public static double fillRateSafetyStock(double fillRate, double orderQuantity, double leadTimeDays,
            double dailyStdDev, double daily, double leadTimeStdDevDays) {
        double spread = Math.sqrt(leadTimeDays * dailyStdDev * dailyStdDev
                + daily * daily * leadTimeStdDevDays * leadTimeStdDevDays);
        if (spread <= 0) {
            return 0;
        }
        return fillRateFactor((1 - fillRate) * orderQuantity / spread) * spread;
    }

    /** The z >= 0 with G(z) = {@code loss} (G falls from 0.3989 at z = 0 towards 0); bisection to 1e-6. */
    public static double fillRateFactor(double loss) {
        if (loss >= normalLoss(0)) {
            return 0;
        }
        double low = 0;
        double high = 8;
        while (high - low > 1e-6) {
            double middle = (low + high) / 2;
            if (normalLoss(middle) > loss) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** The standard normal loss function G(z) = phi(z) - z (1 - Phi(z)): the expected shortfall beyond z. */
    public static double normalLoss(double z) {
        return STANDARD_NORMAL.density(z) - z * (1 - STANDARD_NORMAL.cumulativeProbability(z));
    }

    /** Reorder when the inventory position is at or under this: demand over the lead time + safety stock, rounded up. */
    public static long reorderPoint(double demandOverLeadTime, double safetyStock) {
        return (long) Math.ceil(demandOverLeadTime + safetyStock - 1e-9);
    }

    /** At least the supplier's minimum, in whole multiples. */
    public static long roundToTerms(double quantity, SupplyTerms supply) {
        long wanted = Math.max((long) Math.ceil(quantity - 1e-9), Math.max(supply.minimumQuantity(), 1));
        long multiple = Math.max(supply.multiple(), 1);
        return ((wanted + multiple - 1) / multiple) * multiple;
    }

    /**
     * sqrt(2 x yearly demand x cost per order / (unit cost x holding rate)); 0 when the unit cost or the costs are
     * unknown or not positive.
     */
    public static double economicOrderQuantity(double yearlyDemand, OrderingCosts costs, SupplyTerms supply) {
        if (costs == null || costs.costPerOrder() == null || supply.unitCost() == null) {
            return 0;
        }
        double holding = supply.unitCost().doubleValue() * costs.annualHoldingRate();
        double perOrder = costs.costPerOrder().doubleValue();
        if (holding <= 0 || perOrder <= 0 || yearlyDemand <= 0) {
            return 0;
        }
        return Math.sqrt(2 * yearlyDemand * perOrder / holding);
    }

    /** The seed formula's average daily demand: the last {@link #AVERAGE_WINDOW_DAYS} days, stockouts and promotions left out. */
    public static double averageDailyDemand(List<DemandDay> history) {
        return mean(baseline(history));
    }

    private static SummaryStatistics baseline(List<DemandDay> history) {
        SummaryStatistics statistics = new SummaryStatistics();
        history.subList(Math.max(0, history.size() - AVERAGE_WINDOW_DAYS), history.size()).stream()
                .filter(day -> !day.stockout() && !day.promotion()).forEach(day -> statistics.addValue(day.sold()));
        return statistics;
    }

    private static double mean(SummaryStatistics statistics) {
        return statistics.getN() == 0 ? 0 : statistics.getMean();
    }

    private static double spread(SummaryStatistics statistics) {
        return statistics.getN() < 2 ? 0 : statistics.getStandardDeviation();
    }
}
