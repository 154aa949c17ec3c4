package io.stockline.inventory.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CountIntervalsTest {

    private static final CountIntervals DEFAULT = new CountIntervals(1, 3, 6);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void aIsDueAMonthAfterItsLastCountBAQuarterCHalfAYear() {
        LocalDate last = LocalDate.of(2026, 8, 31);
        assertThat(DEFAULT.dueOn(AbcClass.A, last, TODAY)).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(DEFAULT.dueOn(AbcClass.B, last, TODAY)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(DEFAULT.dueOn(AbcClass.C, last, TODAY)).isEqualTo(LocalDate.of(2027, 2, 28));
    }

    @Test
    void neverCountedThereIsDueToday() {
        for (AbcClass abcClass : AbcClass.values()) {
            assertThat(DEFAULT.dueOn(abcClass, null, TODAY)).isEqualTo(TODAY);
        }
    }

    @Test
    void aTaskIsProposedWhenDueWithinTheHorizonOrOverdue() {
        assertThat(DEFAULT.proposeNow(TODAY.minusDays(40), TODAY, 7)).isTrue();
        assertThat(DEFAULT.proposeNow(TODAY, TODAY, 0)).isTrue();
        assertThat(DEFAULT.proposeNow(TODAY.plusDays(7), TODAY, 7)).isTrue();
        assertThat(DEFAULT.proposeNow(TODAY.plusDays(8), TODAY, 7)).isFalse();
        // counted yesterday: an A is due in a month, not within a week
        assertThat(DEFAULT.proposeNow(DEFAULT.dueOn(AbcClass.A, TODAY.minusDays(1), TODAY), TODAY, 7)).isFalse();
        // counted five weeks ago: the A is overdue, the B not yet
        LocalDate fiveWeeksAgo = TODAY.minusWeeks(5);
        assertThat(DEFAULT.proposeNow(DEFAULT.dueOn(AbcClass.A, fiveWeeksAgo, TODAY), TODAY, 7)).isTrue();
        assertThat(DEFAULT.proposeNow(DEFAULT.dueOn(AbcClass.B, fiveWeeksAgo, TODAY), TODAY, 7)).isFalse();
    }

    @Test
    void theIntervalsAreConfigurableAndAtLeastAMonth() {
        CountIntervals weekly = new CountIntervals(2, 4, 12);
        assertThat(weekly.dueOn(AbcClass.C, LocalDate.of(2026, 1, 15), TODAY)).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThatThrownBy(() -> new CountIntervals(0, 3, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
