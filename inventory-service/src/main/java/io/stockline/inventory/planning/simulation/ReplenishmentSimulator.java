package io.stockline.inventory.planning.simulation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.stockline.inventory.planning.domain.DemandDay;
import io.stockline.inventory.planning.domain.PlanningPolicy;
import io.stockline.inventory.planning.domain.PolicyCalculator;
import io.stockline.inventory.planning.domain.PolicyKind;

/**
 * Runs one policy over a scenario, day by day and series by series (series share nothing, so they run in parallel
 * and are summed in order: the result does not depend on the threads). Each day: receive what arrives today; on the
 * first day of each week recompute the policy from the history so far; sell what is wanted from on hand (the rest is
 * lost, and the day is marked a stockout, as it is when it ends with nothing on hand); record the day in the history;
 * then, while the inventory position (on hand + on order) is at or under the reorder point, place an order, which
 * arrives after the series' next pre-drawn lead time.
 */
public final class ReplenishmentSimulator {

    /** Computes a series' policy from its history so far. */
    @FunctionalInterface
    public interface Rule {
        PlanningPolicy policy(Scenario.Series series, List<DemandDay> history);
    }

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final int REVIEW_DAYS = 7;
    /** Orders one day may place for one series: a guard against a rule whose quantity never lifts the position. */
    private static final int ORDERS_PER_DAY = 20;

    public Outcome run(Scenario scenario, Rule rule) {
        List<Outcome> parts = IntStream.range(0, scenario.series().size()).parallel()
                .mapToObj(i -> run(scenario, scenario.series().get(i), rule)).toList();
        return Outcome.sum(parts, scenario.days());
    }

    Outcome run(Scenario scenario, Scenario.Series series, Rule rule) {
        int historyDays = scenario.historyDays();
        List<DemandDay> history = new ArrayList<>(historyDays + scenario.days());
        for (int t = -historyDays; t < 0; t++) {
            history.add(new DemandDay(FIRST_DAY.plusDays(t), series.wantedOn(t, historyDays), false,
                    series.promotionOn(t, historyDays)));
        }
        List<DemandDay> seen = Collections.unmodifiableList(history);
        long[] arriving = new long[scenario.days() + 64];
        long onHand = series.opening();
        long onOrder = 0;
        long demanded = 0, served = 0, received = 0, stockoutDays = 0;
        int orders = 0;
        double value = 0;
        double unitCost = series.unitCost().doubleValue();
        PlanningPolicy policy = null;
        for (int t = 0; t < scenario.days(); t++) {
            if (t < arriving.length && arriving[t] > 0) {
                onHand += arriving[t];
                onOrder -= arriving[t];
                received += arriving[t];
            }
            if (t % REVIEW_DAYS == 0) {
                policy = rule.policy(series, seen);
            }
            long wanted = series.wantedOn(t, historyDays);
            long sold = Math.min(wanted, onHand);
            onHand -= sold;
            demanded += wanted;
            served += sold;
            boolean stockout = sold < wanted || onHand == 0;
            if (stockout) {
                stockoutDays++;
            }
            history.add(new DemandDay(FIRST_DAY.plusDays(t), sold, stockout, series.promotionOn(t, historyDays)));
            for (int placed = 0; placed < ORDERS_PER_DAY && onHand + onOrder <= policy.reorderPoint(); placed++) {
                long quantity = policy.kind() == PolicyKind.MIN_MAX
                        ? PolicyCalculator.orderUpTo(policy, onHand + onOrder, series.supply())
                        : policy.orderQuantity();
                int leadTime = series.leadTimes()[Math.min(orders, series.leadTimes().length - 1)];
                orders++;
                onOrder += quantity;
                if (t + leadTime < arriving.length) {
                    arriving[t + leadTime] += quantity;
                }
            }
            value += onHand * unitCost;
        }
        return new Outcome(demanded, served, series.opening(), received, onHand, stockoutDays, orders, value,
                scenario.days());
    }
}
