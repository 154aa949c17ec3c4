package io.stockline.inventory.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The policy arithmetic against worked examples computed by hand. */
class PolicyCalculatorTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    private final PolicyCalculator calculator = new PolicyCalculator();

    @Test
    void safetyStockOfTheWorkedExample() {
        // z(0.95) = 1.6449, LT = 9, sd_d = 4, d = 20, sd_LT = 2:
        // SS = 1.6449 x sqrt(9 x 16 + 400 x 4) = 1.6449 x sqrt(1744) = 1.6449 x 41.7612 = 68.69
        assertThat(PolicyCalculator.safetyStock(0.95, 9, 4, 20, 2)).isEqualTo(68.69, within(0.01));
        // no lead-time spread: 1.6449 x sqrt(9 x 16) = 1.6449 x 12 = 19.74
        assertThat(PolicyCalculator.safetyStock(0.95, 9, 4, 20, 0)).isEqualTo(19.74, within(0.01));
        // z(0.98) = 2.0537: 2.0537 x 41.7612 = 85.77
        assertThat(PolicyCalculator.safetyStock(0.98, 9, 4, 20, 2)).isEqualTo(85.77, within(0.01));
        // z(0.5) = 0: no safety stock
        assertThat(PolicyCalculator.safetyStock(0.5, 9, 4, 20, 2)).isEqualTo(0, within(1e-9));
    }

    @Test
    void reorderPointIsLeadTimeDemandPlusSafetyStockRoundedUp() {
        // 20 a day x 9 days = 180, + 68.69 = 248.69 -> 249
        assertThat(PolicyCalculator.reorderPoint(180, 68.69)).isEqualTo(249);
        assertThat(PolicyCalculator.reorderPoint(180, 0)).isEqualTo(180);
    }

    @Test
    void quantitiesRoundUpToTheMinimumAndTheMultiple() {
        SupplyTerms terms = new SupplyTerms(5, 0, 50, 12, null);
        assertThat(PolicyCalculator.roundToTerms(101, terms)).isEqualTo(108); // 9 cases of 12
        assertThat(PolicyCalculator.roundToTerms(10, terms)).isEqualTo(60); // minimum 50, in cases: 5 x 12
        assertThat(PolicyCalculator.roundToTerms(120, terms)).isEqualTo(120);
        assertThat(PolicyCalculator.roundToTerms(0.2, new SupplyTerms(5, 0, 0, 0, null))).isEqualTo(1);
    }

    @Test
    void economicOrderQuantity() {
        // sqrt(2 x 1000 a year x 50 an order / (10 x 0.25 a unit-year)) = sqrt(40000) = 200
        SupplyTerms terms = new SupplyTerms(5, 0, 1, 1, new BigDecimal("10.00"));
        OrderingCosts costs = new OrderingCosts(new BigDecimal("50"), 0.25);
        assertThat(PolicyCalculator.economicOrderQuantity(1000, costs, terms)).isEqualTo(200, within(1e-9));
        assertThat(PolicyCalculator.economicOrderQuantity(1000, costs, new SupplyTerms(5, 0, 1, 1, null))).isZero();
        assertThat(PolicyCalculator.economicOrderQuantity(1000, null, terms)).isZero();
    }

    @Test
    void fillRateFactorSolvesTheNormalLossFunction() {
        // G(0) = phi(0) = 0.398942; G(1) = phi(1) - (1 - Phi(1)) = 0.241971 - 0.158655 = 0.083316
        assertThat(PolicyCalculator.normalLoss(0)).isEqualTo(0.398942, within(1e-6));
        assertThat(PolicyCalculator.normalLoss(1)).isEqualTo(0.083316, within(1e-6));
        assertThat(PolicyCalculator.fillRateFactor(0.083316)).isEqualTo(1, within(1e-4));
        assertThat(PolicyCalculator.fillRateFactor(0.5)).isZero();
        // sigma_L = 41.7612 (the worked example), Q = 173.97 so that (1 - 0.98) x Q / sigma_L = 0.083316: z = 1,
        // SS = 41.76
        assertThat(PolicyCalculator.fillRateSafetyStock(0.98, 173.97, 9, 4, 20, 2)).isEqualTo(41.76, within(0.01));
    }

    @Test
    void stocklinesPolicyOnASteadySeller() {
        // 10 a day for 120 days, no noise: MASE has no scale (the naive forecast is perfect), so Holt-Winters is the
        // default and forecasts 10 with no residual spread. LT 5 +- 2, 95 %:
        // SS = 1.6449 x sqrt(5 x 0 + 100 x 4) = 1.6449 x 20 = 32.90; ROP = ceil(50 + 32.90) = 83;
        // quantity = 10 x (5 + 7) = 120 -> multiple of 25: 125
        SupplyTerms terms = new SupplyTerms(5, 2, 25, 25, new BigDecimal("10.00"));
        PlanningPolicy policy = calculator.stockline(new PolicyInput(days(120, 10), terms, 0.95));
        assertThat(policy.kind()).isEqualTo(PolicyKind.STOCKLINE);
        assertThat(policy.forecastMethod()).isEqualTo("HOLT_WINTERS");
        assertThat(policy.dailyForecast()).isEqualTo(10, within(1e-9));
        assertThat(policy.dailyStdDev()).isEqualTo(0, within(1e-9));
        assertThat(policy.safetyStock()).isEqualTo(32.90, within(0.01));
        assertThat(policy.reorderPoint()).isEqualTo(83);
        assertThat(policy.orderQuantity()).isEqualTo(125);
        assertThat(policy.mase()).isNaN();

        // with ordering costs the EOQ lifts the quantity: sqrt(2 x 3650 x 50 / (10 x 0.25)) = sqrt(146000) = 382.1 -> 400
        PlanningPolicy withCosts = calculator.stockline(new PolicyInput(days(120, 10), terms, 0.95),
                PolicyCalculator.DEFAULT_REVIEW_DAYS, new OrderingCosts(new BigDecimal("50"), 0.25), ServiceMeasure.CYCLE);
        assertThat(withCosts.orderQuantity()).isEqualTo(400);
        assertThat(withCosts.reorderPoint()).isEqualTo(83);
    }

    @Test
    void stockoutsAndPromotionsDoNotMoveThePolicies() {
        // the steady seller again, but every 7th day a stockout sold 3 and days 100..104 a promotion sold 40
        List<DemandDay> history = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            boolean stockout = t % 7 == 6;
            boolean promotion = t >= 100 && t < 105 && !stockout;
            history.add(new DemandDay(START.plusDays(t), stockout ? 3 : promotion ? 40 : 10, stockout, promotion));
        }
        SupplyTerms terms = new SupplyTerms(5, 2, 25, 25, null);
        PlanningPolicy policy = calculator.stockline(new PolicyInput(history, terms, 0.95));
        assertThat(policy.dailyForecast()).isEqualTo(10, within(1e-9));
        assertThat(policy.reorderPoint()).isEqualTo(83);
        assertThat(PolicyCalculator.averageDailyDemand(history)).isEqualTo(10, within(1e-9));
    }

    @Test
    void theSeedFormulaAndMinMax() {
        // average 10 (the last 91 days), LT 5: seed ROP = 10 x 5 + 30 = 80; quantity 10 x (5 + 7) = 120 -> 125
        SupplyTerms terms = new SupplyTerms(5, 2, 25, 25, null);
        List<DemandDay> history = new ArrayList<>(days(30, 50)); // older than the window: not in the average
        history.addAll(days(91, 10));
        PlanningPolicy seed = calculator.seedFormula(new PolicyInput(history, terms, 0.95), 30);
        assertThat(seed.kind()).isEqualTo(PolicyKind.SEED_FORMULA);
        assertThat(seed.reorderPoint()).isEqualTo(80);
        assertThat(seed.safetyStock()).isEqualTo(30);
        assertThat(seed.orderQuantity()).isEqualTo(125);
        assertThat(seed.mase()).isNaN();

        // min = 10 x 12 = 120, max = 10 x 26 = 260: reorder at 120, order 140 from 120; from a position of 100,
        // up to 260 = 160 -> multiple of 25: 175
        PlanningPolicy minMax = calculator.minMax(new PolicyInput(history, terms, 0.95), 12, 26);
        assertThat(minMax.kind()).isEqualTo(PolicyKind.MIN_MAX);
        assertThat(minMax.reorderPoint()).isEqualTo(120);
        assertThat(minMax.orderQuantity()).isEqualTo(140);
        assertThat(minMax.safetyStock()).isEqualTo(70, within(1e-9)); // 120 - 10 x 5
        assertThat(PolicyCalculator.orderUpTo(minMax, 100, terms)).isEqualTo(175);
    }

    private static List<DemandDay> days(int count, long sold) {
        List<DemandDay> days = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            days.add(new DemandDay(START.plusDays(t), sold, false, false));
        }
        return days;
    }
}
