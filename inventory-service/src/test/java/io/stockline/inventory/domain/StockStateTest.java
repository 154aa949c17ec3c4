package io.stockline.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StockStateTest {

    @Test
    void noStateIsNegativeInZeroOrAPositiveBalance() {
        assertThat(StockState.ZERO.firstNegative(false)).isNull();
        assertThat(StockState.ZERO.firstNegative(true)).isNull();
        assertThat(new StockState(9, 1, 1, 1, 1, 1, 1, 1, 1).firstNegative(false)).isNull();
    }

    static Stream<Arguments> oneNegativeState() {
        return Stream.of(
                Arguments.of(new StockState(0, -1, 0, 0, 0, 0, 0, 0, 0), "available"),
                Arguments.of(new StockState(-1, 0, 0, 0, 0, 0, 0, 0, 0), "onHand"),
                Arguments.of(new StockState(0, 0, -1, 0, 0, 0, 0, 0, 0), "committed"),
                Arguments.of(new StockState(0, 0, 0, -1, 0, 0, 0, 0, 0), "reserved"),
                Arguments.of(new StockState(0, 0, 0, 0, -1, 0, 0, 0, 0), "damaged"),
                Arguments.of(new StockState(0, 0, 0, 0, 0, -1, 0, 0, 0), "qualityControl"),
                Arguments.of(new StockState(0, 0, 0, 0, 0, 0, -1, 0, 0), "safetyStock"),
                Arguments.of(new StockState(0, 0, 0, 0, 0, 0, 0, -1, 0), "incoming"),
                Arguments.of(new StockState(0, 0, 0, 0, 0, 0, 0, 0, -1), "inTransit"));
    }

    @ParameterizedTest
    @MethodSource("oneNegativeState")
    void namesTheNegativeStateByItsApiField(StockState state, String field) {
        assertThat(state.firstNegative(false)).isEqualTo(field);
    }

    @Test
    void backordersAllowNegativeAvailableButNothingElse() {
        StockState oversold = new StockState(0, -3, 3, 0, 0, 0, 0, 0, 0);
        assertThat(oversold.firstNegative(false)).isEqualTo("available");
        assertThat(oversold.firstNegative(true)).isNull();
        StockState lost = new StockState(-1, -1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(lost.firstNegative(true)).isEqualTo("onHand");
        assertThat(new StockState(0, -1, 0, 0, 0, 0, 0, 0, -2).firstNegative(true)).isEqualTo("inTransit");
    }

    @Test
    void availableIsReportedFirstThenTheOthersInFieldOrder() {
        StockState all = new StockState(-1, -1, -1, -1, -1, -1, -1, -1, -1);
        assertThat(all.firstNegative(false)).isEqualTo("available");
        assertThat(all.firstNegative(true)).isEqualTo("onHand");
        assertThat(new StockState(0, 0, 0, 0, -1, -1, 0, 0, 0).firstNegative(false)).isEqualTo("damaged");
    }

    @Test
    void aSaleOfMoreThanIsAvailableIsCaughtOnAvailable() {
        StockState balance = MovementType.RECEIPT.delta(5);
        assertThat(balance.plus(MovementType.SALE.delta(5)).firstNegative(false)).isNull();
        assertThat(balance.plus(MovementType.SALE.delta(6)).firstNegative(false)).isEqualTo("available");
        assertThat(balance.plus(MovementType.RESTOCK.delta(1)).firstNegative(false)).isEqualTo("qualityControl");
        assertThat(balance.plus(MovementType.COMMIT.delta(1)).firstNegative(false)).isEqualTo("committed");
    }

    @Test
    void plusAndTimesWorkFieldByField() {
        StockState a = new StockState(1, 2, 3, 4, 5, 6, 7, 8, 9);
        StockState b = new StockState(10, 20, 30, 40, 50, 60, 70, 80, 90);
        assertThat(a.plus(b)).isEqualTo(new StockState(11, 22, 33, 44, 55, 66, 77, 88, 99));
        assertThat(a.times(-2)).isEqualTo(new StockState(-2, -4, -6, -8, -10, -12, -14, -16, -18));
        assertThat(a.times(0)).isEqualTo(StockState.ZERO);
        assertThat(a.plus(StockState.ZERO)).isEqualTo(a);
    }
}
