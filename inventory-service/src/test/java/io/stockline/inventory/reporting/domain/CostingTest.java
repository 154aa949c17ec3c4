package io.stockline.inventory.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Moving average and FIFO against worked examples, without Quarkus. */
class CostingTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private static Costing.Movement receipt(int day, long units, String cost) {
        return new Costing.Movement("A", "WH", "RECEIPT", units, T0.plusDays(day), new BigDecimal(cost), null);
    }

    private static Costing.Movement sale(int day, long units, String location) {
        return new Costing.Movement("A", location, "SALE", -units, T0.plusDays(day), null, null);
    }

    private static Costing.SkuCost cost(List<Costing.Movement> movements, String location) {
        return Costing.costs(movements, T0, T0.plusDays(100), location).get("A");
    }

    @Test
    void twoReceiptsThenASale() {
        // 10 @ 2.00 and 10 @ 3.00, sale of 15: average 2.50, COGS 37.50, 5 left at 12.50; FIFO leaves 5 @ 3.00 = 15.00.
        Costing.SkuCost a = cost(List.of(receipt(0, 10, "2.00"), receipt(1, 10, "3.00"), sale(2, 15, "WH")), null);
        assertThat(a.owned()).isEqualTo(5);
        assertThat(a.movingAverageCost()).isEqualByComparingTo("2.50");
        assertThat(a.costOfGoodsSold()).isEqualByComparingTo("37.50");
        assertThat(a.unitsSold()).isEqualTo(15);
        assertThat(Costing.value(a.layers())).isEqualByComparingTo("15.00");
        assertThat(a.layers()).containsExactly(new Costing.Layer(5, new BigDecimal("3.00"), LocalDate.of(2026, 1, 2)));
    }

    @Test
    void aSaleBetweenReceiptsIsCostedAtTheAverageOfItsMoment() {
        // 10 @ 2.00, sale of 5 (COGS 5 x 2.00 = 10.00), 10 @ 3.00: average (5 x 2.00 + 10 x 3.00) / 15 = 2.666667;
        // FIFO holds 5 @ 2.00 + 10 @ 3.00 = 40.00, as does the moving average (15 x 2.666667 = 40.00).
        Costing.SkuCost a = cost(List.of(receipt(0, 10, "2.00"), sale(1, 5, "WH"), receipt(2, 10, "3.00")), null);
        assertThat(a.costOfGoodsSold()).isEqualByComparingTo("10.00");
        assertThat(a.movingAverageCost()).isEqualByComparingTo("2.666667");
        assertThat(Costing.value(a.layers())).isEqualByComparingTo("40.00");
        // The 6 newest units: 6 of the 10 @ 3.00.
        assertThat(Costing.value(Costing.newest(a.layers(), 6))).isEqualByComparingTo("18.00");
    }

    @Test
    void onlySalesInTheWindowAndAtTheLocationCountAsCostOfGoodsSold() {
        List<Costing.Movement> movements = List.of(receipt(0, 10, "2.00"), sale(1, 2, "WH"), sale(1, 3, "STORE"));
        assertThat(cost(movements, "STORE").costOfGoodsSold()).isEqualByComparingTo("6.00");
        assertThat(Costing.costs(movements, T0.plusDays(5), T0.plusDays(6), null).get("A").costOfGoodsSold())
                .isEqualByComparingTo("0");
    }

    @Test
    void aReturnComesBackAtTheAverageAndAReceiptWithoutAnOrderAtTheItemsCost() {
        Costing.Movement back = new Costing.Movement("A", "WH", "RETURN", 1, T0.plusDays(3), null, new BigDecimal("9.00"));
        Costing.Movement plain = new Costing.Movement("A", "WH", "RECEIPT", 2, T0.plusDays(4), null, new BigDecimal("5.00"));
        Costing.SkuCost a = cost(List.of(receipt(0, 2, "2.00"), sale(1, 1, "WH"), back, plain), null);
        // After the return: 2 units at 2.00; the plain receipt: (2 x 2.00 + 2 x 5.00) / 4 = 3.50.
        assertThat(a.movingAverageCost()).isEqualByComparingTo("3.50");
        assertThat(a.owned()).isEqualTo(4);
    }

    @Test
    void agingBucketsByLayerAge() {
        List<Costing.Layer> layers = List.of(new Costing.Layer(1, BigDecimal.ONE, LocalDate.of(2025, 1, 1)),
                new Costing.Layer(2, BigDecimal.ONE, LocalDate.of(2025, 11, 1)),
                new Costing.Layer(3, BigDecimal.ONE, LocalDate.of(2025, 12, 1)),
                new Costing.Layer(4, BigDecimal.ONE, LocalDate.of(2025, 12, 31)));
        Aging.Buckets b = Aging.of(layers, LocalDate.of(2026, 1, 1));
        // Ages 365, 61, 31 and 1 days.
        assertThat(b.unitsOver180()).isEqualTo(1);
        assertThat(b.units91to180()).isZero();
        assertThat(b.units31to90()).isEqualTo(5);
        assertThat(b.units0to30()).isEqualTo(4);
    }
}
