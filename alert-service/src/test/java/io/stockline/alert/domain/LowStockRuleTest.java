package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.stockline.alert.domain.LowStockRule.Transition;

class LowStockRuleTest {

    private final LowStockRule rule = new LowStockRule(5);

    @ParameterizedTest(name = "open={0}, available={1} -> {2}")
    @CsvSource({
            // no alert open yet
            "false, 100, NONE",
            "false, 6, NONE", // one above the threshold is not low
            "false, 5, OPEN", // exactly the threshold is low
            "false, 4, OPEN",
            "false, 0, OPEN",
            "false, -2, OPEN", // oversold
            // an alert is open
            "true, 5, NONE", // still low: the seller already knows
            "true, 0, NONE",
            "true, -1, NONE",
            "true, 6, RESOLVE", // back above the threshold
            "true, 100, RESOLVE" })
    void opensOncePerCrossingAndResolvesAboveTheThreshold(boolean open, long available, Transition expected) {
        assertThat(rule.transition(open, available)).isEqualTo(expected);
    }

    @Test
    void aWholeCrossingOpensOnceResolvesOnceAndOpensAgain() {
        boolean open = false;
        StringBuilder transitions = new StringBuilder();
        for (long available : new long[] { 10, 6, 5, 3, 0, 4, 5, 6, 9, 2, 1 }) {
            Transition transition = rule.transition(open, available);
            open = switch (transition) {
                case OPEN -> true;
                case RESOLVE -> false;
                case NONE -> open;
            };
            transitions.append(transition.name().charAt(0));
        }
        assertThat(transitions.toString()).isEqualTo("NNONNNNRNON");
    }

    @Test
    void aZeroThresholdAlertsOnlyWhenNothingIsLeft() {
        LowStockRule outOfStock = new LowStockRule(0);
        assertThat(outOfStock.transition(false, 1)).isEqualTo(Transition.NONE);
        assertThat(outOfStock.transition(false, 0)).isEqualTo(Transition.OPEN);
        assertThat(outOfStock.transition(true, 1)).isEqualTo(Transition.RESOLVE);
    }
}
