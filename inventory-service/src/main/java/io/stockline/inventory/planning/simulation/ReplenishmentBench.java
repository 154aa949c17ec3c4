package io.stockline.inventory.planning.simulation;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import io.stockline.inventory.planning.domain.PlanningPolicy;
import io.stockline.inventory.planning.domain.PolicyCalculator;
import io.stockline.inventory.planning.domain.PolicyInput;
import io.stockline.inventory.planning.domain.ServiceMeasure;

/**
 * The replenishment benchmark of issue 13 (run by deploy/local/bench/replenishment): one scenario, three policies.
 * Stockline's policy at its service levels per ABC class; the seed formula with a fixed safety stock of k days of
 * average demand, k searched (bisection) for the least that reaches Stockline's fill rate; a min/max rule (min = the
 * average over lead time + 7 days, max = over lead time + 21 days). It prints fill rate, average inventory value,
 * stockout days and orders placed per policy, and Stockline's inventory value over the tuned seed formula's.
 *
 * <p>Arguments (all optional, name=value): skus=200 locations=3 days=365 history=365 seed=42
 * levels=0.98,0.98,0.98 (A,B,C) measure=CYCLE (or FILL_RATE: how the service levels are read).
 */
public final class ReplenishmentBench {

    private ReplenishmentBench() {
    }

    public static void main(String[] args) {
        int skus = 200, locations = 3, days = 365, history = 365;
        long seed = 42;
        double[] levels = {0.98, 0.98, 0.98};
        ServiceMeasure measure = ServiceMeasure.CYCLE;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            switch (pair[0]) {
                case "skus" -> skus = Integer.parseInt(pair[1]);
                case "locations" -> locations = Integer.parseInt(pair[1]);
                case "days" -> days = Integer.parseInt(pair[1]);
                case "history" -> history = Integer.parseInt(pair[1]);
                case "seed" -> seed = Long.parseLong(pair[1]);
                case "levels" -> {
                    String[] parts = pair[1].split(",");
                    for (int i = 0; i < 3; i++) {
                        levels[i] = Double.parseDouble(parts[i]);
                    }
                }
                case "measure" -> measure = ServiceMeasure.valueOf(pair[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        long started = System.nanoTime();
        Scenario scenario = Scenario.generate(skus, locations, days, history, seed);
        ReplenishmentSimulator simulator = new ReplenishmentSimulator();
        PolicyCalculator calculator = new PolicyCalculator();
        double[] classLevels = levels;
        ServiceMeasure serviceMeasure = measure;
        Map<Scenario.Series, PlanningPolicy> last = new ConcurrentHashMap<>();
        Outcome stockline = simulator.run(scenario, (series, seen) -> {
            PlanningPolicy policy = calculator.stockline(
                    new PolicyInput(seen, series.supply(), classLevels[series.abcClass() - 'A']),
                    PolicyCalculator.DEFAULT_REVIEW_DAYS, null, serviceMeasure);
            last.put(series, policy);
            return policy;
        });
        Outcome minMax = simulator.run(scenario, (series, seen) -> calculator.minMax(
                new PolicyInput(seen, series.supply(), 0.5), series.supply().leadTimeMeanDays() + 7,
                series.supply().leadTimeMeanDays() + 21));
        Tuned seedFormula = tuneSeed(simulator, calculator, scenario, stockline.fillRate());
        double seconds = (System.nanoTime() - started) / 1e9;

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Replenishment simulation: %d SKUs x %d locations = %d series, %d days"
                + " after %d days of history, seed %d, Stockline service levels A/B/C %s/%s/%s as %s, %.0f s%n",
                skus, locations, scenario.series().size(), days, history, seed, percent(levels[0]),
                percent(levels[1]), percent(levels[2]), measure, seconds));
        out.append("| policy | fill rate | average inventory value | stockout days | orders placed | units lost |\n");
        out.append("|---|---|---|---|---|---|\n");
        row(out, "Stockline (forecast + z x sqrt(LT sd_d^2 + d^2 sd_LT^2))", stockline);
        row(out, String.format(Locale.ROOT, "seed formula, safety stock %.2f days of average demand (tuned)",
                seedFormula.days), seedFormula.outcome);
        row(out, "min/max (min = LT + 7 days, max = LT + 21 days of average demand)", minMax);
        double ratio = stockline.averageInventoryValue() / seedFormula.outcome.averageInventoryValue();
        out.append(String.format(Locale.ROOT, "Stockline / tuned seed formula inventory value: %.3f (%.1f %% less)"
                + "; target: fill rate >= 98 %% and ratio <= 0.800: %s%n", ratio, 100 * (1 - ratio),
                stockline.fillRate() >= 0.98 && ratio <= 0.8 ? "met" : "missed"));
        out.append(methods(last.values()));
        System.out.print(out);
    }

    record Tuned(double days, Outcome outcome) {
    }

    /** The least safety stock, in days of average demand, at which the seed formula serves {@code target}. */
    static Tuned tuneSeed(ReplenishmentSimulator simulator, PolicyCalculator calculator, Scenario scenario,
            double target) {
        double low = 0;
        double high = 60;
        Outcome best = runSeed(simulator, calculator, scenario, high);
        if (best.fillRate() < target) {
            return new Tuned(high, best);
        }
        while (high - low > 0.05) {
            double middle = (low + high) / 2;
            Outcome outcome = runSeed(simulator, calculator, scenario, middle);
            if (outcome.fillRate() >= target) {
                high = middle;
                best = outcome;
            } else {
                low = middle;
            }
        }
        return new Tuned(high, best);
    }

    static Outcome runSeed(ReplenishmentSimulator simulator, PolicyCalculator calculator, Scenario scenario,
            double safetyDays) {
        return simulator.run(scenario, (series, seen) -> calculator.seedFormula(
                new PolicyInput(seen, series.supply(), 0.5), safetyDays * PolicyCalculator.averageDailyDemand(seen)));
    }

    private static void row(StringBuilder out, String name, Outcome outcome) {
        out.append(String.format(Locale.ROOT, "| %s | %.2f %% | %,.0f | %,d | %,d | %,d |%n", name,
                100 * outcome.fillRate(), outcome.averageInventoryValue(), outcome.stockoutDays(), outcome.orders(),
                outcome.demanded() - outcome.served()));
    }

    /** Which forecast methods Stockline's last weekly run chose, with their median MASE and bias on the holdout. */
    private static String methods(Collection<PlanningPolicy> policies) {
        Map<String, List<PlanningPolicy>> byMethod = new TreeMap<>(
                policies.stream().collect(Collectors.groupingBy(PlanningPolicy::forecastMethod)));
        StringBuilder out = new StringBuilder("Stockline's forecast methods at the last weekly run (series, median MASE,"
                + " median bias on the 28 days held out):");
        byMethod.forEach((method, chosen) -> out.append(String.format(Locale.ROOT, " %s %d (%.2f, %+.2f);", method,
                chosen.size(), median(chosen, PlanningPolicy::mase), median(chosen, PlanningPolicy::bias))));
        return out.append(System.lineSeparator()).toString();
    }

    private static double median(List<PlanningPolicy> policies, ToDoubleFunction<PlanningPolicy> metric) {
        DescriptiveStatistics statistics = new DescriptiveStatistics();
        policies.stream().mapToDouble(metric).filter(Double::isFinite).forEach(statistics::addValue);
        return statistics.getN() == 0 ? Double.NaN : statistics.getPercentile(50);
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * level);
    }
}
