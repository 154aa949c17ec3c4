package io.stockline.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The unit deltas of every movement type: they keep on hand equal to the sum of its parts. */
class MovementTypeTest {

    private static long parts(StockState s) {
        return s.available() + s.committed() + s.reserved() + s.damaged() + s.qualityControl() + s.safetyStock();
    }

    @ParameterizedTest
    @EnumSource(MovementType.class)
    void everyDeltaKeepsOnHandEqualToTheSumOfItsParts(MovementType type) {
        for (long quantity : new long[] { 1, 2, 7, 1_000_000 }) {
            StockState delta = type.delta(quantity);
            assertThat(delta.onHand()).as("%s of %d", type, quantity).isEqualTo(parts(delta));
        }
    }

    @ParameterizedTest
    @EnumSource(MovementType.class)
    void everyDeltaChangesSomethingAndScalesWithTheQuantity(MovementType type) {
        StockState unit = type.delta(1);
        assertThat(unit).isNotEqualTo(StockState.ZERO);
        assertThat(type.delta(5)).isEqualTo(unit.times(5));
        assertThat(type.delta(5)).isEqualTo(unit.plus(unit).plus(unit).plus(unit).plus(unit));
    }

    @ParameterizedTest
    @EnumSource(MovementType.class)
    void applyingADeltaToABalancedStateLeavesItBalanced(MovementType type) {
        StockState balance = new StockState(60, 10, 20, 5, 10, 10, 5, 3, 2);
        assertThat(balance.onHand()).isEqualTo(parts(balance));
        StockState after = balance.plus(type.delta(3));
        assertThat(after.onHand()).isEqualTo(parts(after));
    }

    @Test
    void eachTypeMovesTheStatesItNames() {
        assertThat(MovementType.RECEIPT.delta(1)).isEqualTo(new StockState(1, 1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(MovementType.SALE.delta(1)).isEqualTo(new StockState(-1, -1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(MovementType.RETURN.delta(1)).isEqualTo(new StockState(1, 0, 0, 0, 0, 1, 0, 0, 0));
        assertThat(MovementType.RESTOCK.delta(1)).isEqualTo(new StockState(0, 1, 0, 0, 0, -1, 0, 0, 0));
        assertThat(MovementType.DAMAGE.delta(1)).isEqualTo(new StockState(0, -1, 0, 0, 1, 0, 0, 0, 0));
        assertThat(MovementType.LOSS.delta(1)).isEqualTo(new StockState(-1, -1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(MovementType.RESERVE.delta(1)).isEqualTo(new StockState(0, -1, 1, 0, 0, 0, 0, 0, 0));
        assertThat(MovementType.RELEASE.delta(1)).isEqualTo(new StockState(0, 1, -1, 0, 0, 0, 0, 0, 0));
        assertThat(MovementType.COMMIT.delta(1)).isEqualTo(new StockState(-1, 0, -1, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void releaseUndoesReserveAndReservePlusCommitIsASale() {
        StockState reserve = MovementType.RESERVE.delta(4);
        assertThat(reserve.plus(MovementType.RELEASE.delta(4))).isEqualTo(StockState.ZERO);
        assertThat(reserve.plus(MovementType.COMMIT.delta(4))).isEqualTo(MovementType.SALE.delta(4));
        assertThat(MovementType.RETURN.delta(2).plus(MovementType.RESTOCK.delta(2)))
                .isEqualTo(MovementType.RECEIPT.delta(2));
    }

    @Test
    void onlyTheReservationTypesAreRefusedAsHandPostedMovements() {
        Set<MovementType> byHand = EnumSet.noneOf(MovementType.class);
        Arrays.stream(MovementType.values()).filter(MovementType::postedByHand).forEach(byHand::add);
        assertThat(byHand).containsExactlyInAnyOrder(MovementType.RECEIPT, MovementType.SALE, MovementType.RETURN,
                MovementType.RESTOCK, MovementType.DAMAGE, MovementType.LOSS, MovementType.TRANSFER_OUT,
                MovementType.TRANSFER_IN, MovementType.COUNT_CORRECTION, MovementType.ADJUSTMENT,
                MovementType.WRITE_OFF);
        assertThat(MovementType.RESERVE.postedByHand()).isFalse();
        assertThat(MovementType.RELEASE.postedByHand()).isFalse();
        assertThat(MovementType.COMMIT.postedByHand()).isFalse();
    }

    @Test
    void aWriteOffTakesFromTheStateItNamesAndNeverFromAvailable() {
        assertThat(MovementType.writeOff(3, MovementType.WriteOffState.DAMAGED))
                .isEqualTo(new StockState(-3, 0, 0, 0, -3, 0, 0, 0, 0));
        assertThat(MovementType.writeOff(3, MovementType.WriteOffState.QUALITY_CONTROL))
                .isEqualTo(new StockState(-3, 0, 0, 0, 0, -3, 0, 0, 0));
        assertThat(MovementType.RETURN.delta(4).plus(MovementType.RESTOCK.delta(2))
                .plus(MovementType.INSPECTED_DAMAGED.delta(2)).plus(MovementType.writeOff(2, MovementType.WriteOffState.DAMAGED)))
                .isEqualTo(MovementType.RECEIPT.delta(2));
    }

    @Test
    void aPurchaseReceiptLowersIncomingByWhatWasExpected() {
        assertThat(MovementType.PURCHASE_ORDERED.delta(10).plus(MovementType.purchaseReceipt(3, 1, 4)))
                .isEqualTo(new StockState(4, 3, 0, 0, 1, 0, 0, 6, 0));
        assertThat(MovementType.PURCHASE_ORDERED.delta(6).plus(MovementType.SHORTAGE.delta(6))).isEqualTo(StockState.ZERO);
    }

    @Test
    void aCountChangesOnHandAndAvailableByTheDifference() {
        assertThat(MovementType.countCorrection(7, 10)).isEqualTo(new StockState(-3, -3, 0, 0, 0, 0, 0, 0, 0));
        assertThat(MovementType.countCorrection(10, 10)).isEqualTo(StockState.ZERO);
    }

    @Test
    void aShippedTransferThatArrivesIsAReceiptAtTheDestinationAndNothingInTransit() {
        StockState source = MovementType.TRANSFER_OUT.delta(4).plus(MovementType.TRANSFER_IN.delta(4));
        assertThat(source.plus(MovementType.arrival(4))).isEqualTo(StockState.ZERO);
        assertThat(source.inTransit()).isZero();
    }

    @Test
    void eachTypeSaysWhichQuantitiesItTakes() {
        assertThat(MovementType.COUNT_CORRECTION.quantityProblem(0)).isNull();
        assertThat(MovementType.COUNT_CORRECTION.quantityProblem(-1)).isNotNull();
        assertThat(MovementType.ADJUSTMENT.quantityProblem(-3)).isNull();
        assertThat(MovementType.ADJUSTMENT.quantityProblem(0)).isNotNull();
        assertThat(MovementType.RECEIPT.quantityProblem(0)).isNotNull();
        assertThat(MovementType.TRANSFER_OUT.quantityProblem(1)).isNull();
    }
}
