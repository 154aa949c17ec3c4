package io.stockline.inventory.planning.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockline.inventory.planning.domain.PolicyCalculator;
import io.stockline.inventory.planning.domain.PolicyInput;

/** A small simulation (20 SKUs x 3 locations, 120 days) keeps its books and repeats itself. */
class ReplenishmentSimulatorTest {

    private final PolicyCalculator calculator = new PolicyCalculator();
    private final ReplenishmentSimulator simulator = new ReplenishmentSimulator();

    private ReplenishmentSimulator.Rule stockline() {
        return (series, seen) -> calculator.stockline(new PolicyInput(seen, series.supply(), 0.98));
    }

    private ReplenishmentSimulator.Rule minMax() {
        return (series, seen) -> calculator.minMax(new PolicyInput(seen, series.supply(), 0.5),
                series.supply().leadTimeMeanDays() + 7, series.supply().leadTimeMeanDays() + 21);
    }

    @Test
    void everySeriesConservesUnitsAndTheFillRateIsAShare() {
        Scenario scenario = Scenario.generate(20, 3, 120, 120, 11);
        assertThat(scenario.series()).hasSize(60);
        for (ReplenishmentSimulator.Rule rule : new ReplenishmentSimulator.Rule[] {stockline(), minMax(),
                (series, seen) -> calculator.seedFormula(new PolicyInput(seen, series.supply(), 0.5), 0)}) {
            long orders = 0;
            for (Scenario.Series series : scenario.series()) {
                Outcome outcome = simulator.run(scenario, series, rule);
                assertThat(outcome.opening() + outcome.received() - outcome.served()).as(series.sku())
                        .isEqualTo(outcome.closing());
                assertThat(outcome.closing()).isNotNegative();
                assertThat(outcome.served()).isBetween(0L, outcome.demanded());
                assertThat(outcome.stockoutDays()).isBetween(0L, 120L);
                orders += outcome.orders();
            }
            Outcome total = simulator.run(scenario, rule);
            assertThat(total.fillRate()).isBetween(0.0, 1.0);
            assertThat(total.orders()).isEqualTo(orders).isPositive();
            assertThat(total.averageInventoryValue()).isPositive();
        }
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        Outcome first = simulator.run(Scenario.generate(20, 3, 120, 120, 5), stockline());
        Outcome again = simulator.run(Scenario.generate(20, 3, 120, 120, 5), stockline());
        Outcome other = simulator.run(Scenario.generate(20, 3, 120, 120, 6), stockline());
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void moreSafetyStockServesMoreAndHoldsMore() {
        Scenario scenario = Scenario.generate(20, 3, 120, 120, 11);
        Outcome none = ReplenishmentBench.runSeed(simulator, calculator, scenario, 0);
        Outcome twoWeeks = ReplenishmentBench.runSeed(simulator, calculator, scenario, 14);
        assertThat(twoWeeks.fillRate()).isGreaterThan(none.fillRate());
        assertThat(twoWeeks.averageInventoryValue()).isGreaterThan(none.averageInventoryValue());
    }
}
