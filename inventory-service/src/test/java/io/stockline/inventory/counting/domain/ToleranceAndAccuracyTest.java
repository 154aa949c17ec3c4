package io.stockline.inventory.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

class ToleranceAndAccuracyTest {

    @Test
    void aCountIsWithinToleranceByUnitsOrByPercentWhicheverIsWider() {
        Tolerance tolerance = new Tolerance(2, 5);
        assertThat(tolerance.within(98, 100)).isTrue();
        assertThat(tolerance.within(95, 100)).isTrue();
        assertThat(tolerance.within(94, 100)).isFalse();
        assertThat(tolerance.within(13, 10)).isFalse();
        assertThat(tolerance.within(12, 10)).isTrue();
        assertThat(tolerance.within(3, 0)).isFalse();
        assertThat(Tolerance.EXACT.within(7, 7)).isTrue();
        assertThat(Tolerance.EXACT.within(8, 7)).isFalse();
    }

    @Test
    void accuracyIsTheShareOfCountsWithinToleranceAndTheAbsoluteDiscrepancyPerMonthAndGroup() {
        LocalDate november = LocalDate.of(2026, 11, 3);
        LocalDate october = LocalDate.of(2026, 10, 20);
        List<Accuracy.Count> counts = List.of(
                new Accuracy.Count("A", november, 10, 10, new BigDecimal("2.50")),
                new Accuracy.Count("A", november, 7, 10, new BigDecimal("2.50")),
                new Accuracy.Count("A", november, 12, 10, null),
                new Accuracy.Count("B", november, 5, 5, BigDecimal.ONE),
                new Accuracy.Count("A", october, 4, 5, BigDecimal.TEN));
        List<Accuracy.Period> periods = Accuracy.byMonth(counts, Tolerance.EXACT);
        assertThat(periods).containsExactly(
                new Accuracy.Period(YearMonth.of(2026, 10), "A", 1, 0, new BigDecimal("0.0"), 1, new BigDecimal("10")),
                new Accuracy.Period(YearMonth.of(2026, 11), "A", 3, 1, new BigDecimal("33.3"), 5, new BigDecimal("7.50")),
                new Accuracy.Period(YearMonth.of(2026, 11), "B", 1, 1, new BigDecimal("100.0"), 0, BigDecimal.ZERO));
        // a looser tolerance counts the near misses as accurate; the discrepancy stays what it was
        assertThat(Accuracy.byMonth(counts, new Tolerance(2, 0)).get(1).accurate()).isEqualTo(2);
        assertThat(Accuracy.byMonth(counts, new Tolerance(3, 0)).get(1).accurate()).isEqualTo(3);
    }
}
