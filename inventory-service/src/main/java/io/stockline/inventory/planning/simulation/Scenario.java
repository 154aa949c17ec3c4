package io.stockline.inventory.planning.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

import io.stockline.inventory.planning.domain.SupplyTerms;

/**
 * The simulated world, drawn once from a seed so that every policy meets the same demand and the same lead times:
 * SKUs at locations, each with a year of history before the simulated days (sales then were whole: no stockouts) and
 * the demand wanted on each simulated day. Demand = base x location share x trend x weekly x yearly shape, x an uplift
 * on promotion days (flagged), drawn as a gamma-Poisson mixture (overdispersed); about 30 % of SKUs are intermittent
 * sellers (a demand on few days, of a few units). Each SKU buys from one of eight suppliers whose lead times differ in
 * mean and noise; the k-th order of a series arrives after the k-th of its pre-drawn lead times, whatever the policy.
 */
public record Scenario(List<Series> series, int historyDays, int days) {

    /** One SKU at one location. */
    public record Series(String sku, int location, char abcClass, BigDecimal unitCost, SupplyTerms supply,
            long[] wanted, boolean[] promotion, int[] leadTimes, long opening) {

        /** Units wanted on day {@code t} of the simulation (t >= 0) or of the history before it (t < 0). */
        public long wantedOn(int t, int historyDays) {
            return wanted[t + historyDays];
        }

        public boolean promotionOn(int t, int historyDays) {
            return promotion[t + historyDays];
        }
    }

    private static final double[] LOCATION_SHARE = {1.0, 0.55, 0.3};
    private static final double[] LEAD_TIME_MEAN = {3, 5, 7, 9, 12, 14, 18, 21};
    private static final double[] LEAD_TIME_NOISE = {0, 0.1, 0.3, 0.2, 0.4, 0.15, 0.25, 0.35};
    private static final double YEAR = 365;

    public static Scenario generate(int skus, int locations, int days, int historyDays, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
        int total = historyDays + days;
        List<Series> all = new ArrayList<>();
        for (int s = 0; s < skus; s++) {
            String sku = String.format("SIM-%04d", s);
            BigDecimal cost = BigDecimal.valueOf(clip(Math.exp(random.nextGaussian(Math.log(20), 1.0)), 1, 500))
                    .setScale(2, RoundingMode.HALF_UP);
            boolean intermittent = random.nextUniform(0, 1) < 0.3;
            double base = intermittent ? 0 : clip(Math.exp(random.nextGaussian(Math.log(6), 1.0)), 0.5, 150);
            double dispersion = 3 + 15 * random.nextUniform(0, 1);
            double occurrence = 0.05 + 0.3 * random.nextUniform(0, 1);
            double size = 1 + 5 * random.nextUniform(0, 1);
            double trend = -0.3 + 0.9 * random.nextUniform(0, 1);
            double weekly = 0.4 * random.nextUniform(0, 1);
            int weeklyPeak = random.nextInt(0, 6);
            double yearly = 0.5 * random.nextUniform(0, 1);
            double yearlyPhase = random.nextUniform(0, 2 * Math.PI);
            boolean promoted = random.nextUniform(0, 1) < 0.4;
            double uplift = 2 + random.nextUniform(0, 1);
            int supplier = random.nextInt(0, LEAD_TIME_MEAN.length - 1);
            double leadTime = LEAD_TIME_MEAN[supplier];
            double leadTimeNoise = LEAD_TIME_NOISE[supplier] * leadTime;
            long multiple = base > 20 ? 12 : base > 5 ? 6 : 1;
            SupplyTerms supply = new SupplyTerms(leadTime, leadTimeNoise, multiple, multiple, cost);
            boolean[] promotion = new boolean[total];
            if (promoted) {
                // three promotions of five days a year
                for (int start = 0; start < total; start += 365) {
                    for (int p = 0; p < 3; p++) {
                        int first = start + random.nextInt(0, 359);
                        for (int d = first; d < Math.min(total, first + 5); d++) {
                            promotion[d] = true;
                        }
                    }
                }
            }
            for (int l = 0; l < locations; l++) {
                double share = LOCATION_SHARE[l % LOCATION_SHARE.length];
                long[] wanted = new long[total];
                for (int i = 0; i < total; i++) {
                    int t = i - historyDays;
                    double shape = Math.max(0.2, 1 + trend * t / YEAR)
                            * (1 + weekly * Math.cos(2 * Math.PI * (Math.floorMod(t, 7) - weeklyPeak) / 7))
                            * (1 + yearly * Math.sin(2 * Math.PI * t / YEAR + yearlyPhase))
                            * (promotion[i] ? uplift : 1);
                    if (intermittent) {
                        boolean demand = random.nextUniform(0, 1) < Math.min(1, occurrence * share * shape);
                        wanted[i] = demand ? 1 + random.nextPoisson(size - 1 + 1e-9) : 0;
                    } else {
                        double mean = base * share * shape * random.nextGamma(dispersion, 1 / dispersion);
                        wanted[i] = mean <= 0 ? 0 : random.nextPoisson(mean);
                    }
                }
                int[] leadTimes = new int[days + 1];
                for (int k = 0; k < leadTimes.length; k++) {
                    double drawn = leadTimeNoise > 0 ? random.nextGaussian(leadTime, leadTimeNoise) : leadTime;
                    leadTimes[k] = (int) Math.max(1, Math.round(drawn));
                }
                double recent = Arrays.stream(wanted, Math.max(0, historyDays - 28), historyDays).average().orElse(0);
                long opening = Math.round(recent * (leadTime + 7));
                all.add(new Series(sku, l, 'C', cost, supply, wanted, promotion, leadTimes, opening));
            }
        }
        return new Scenario(classify(all, historyDays), historyDays, days);
    }

    /**
     * ABC classes over the history's consumption value (units x unit cost), as counting/ does it per SKU: ranked by
     * value, A until 80 % of the total (the series crossing the line included), B until 95 %, the rest C.
     */
    private static List<Series> classify(List<Series> all, int historyDays) {
        double[] value = new double[all.size()];
        double total = 0;
        for (int i = 0; i < all.size(); i++) {
            Series series = all.get(i);
            value[i] = Arrays.stream(series.wanted(), 0, historyDays).sum() * series.unitCost().doubleValue();
            total += value[i];
        }
        Integer[] order = new Integer[all.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -value[i]).thenComparing(i -> i));
        Series[] classified = new Series[all.size()];
        double cumulative = 0;
        for (Integer i : order) {
            double before = cumulative / Math.max(total, 1e-9);
            cumulative += value[i];
            char abc = before < 0.80 ? 'A' : before < 0.95 ? 'B' : 'C';
            Series s = all.get(i);
            classified[i] = new Series(s.sku(), s.location(), abc, s.unitCost(), s.supply(), s.wanted(), s.promotion(),
                    s.leadTimes(), s.opening());
        }
        return List.of(classified);
    }

    private static double clip(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
