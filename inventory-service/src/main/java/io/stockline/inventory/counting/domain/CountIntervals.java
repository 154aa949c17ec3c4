package io.stockline.inventory.counting.domain;

import java.time.LocalDate;

/**
 * How often each class is counted, in months (A monthly, B quarterly, C twice a year by default). A SKU is due at
 * a location one interval after its last count there; one never counted there is due at once.
 */
public record CountIntervals(int aMonths, int bMonths, int cMonths) {

    public CountIntervals {
        if (aMonths < 1 || bMonths < 1 || cMonths < 1) {
            throw new IllegalArgumentException("count intervals are at least a month: A " + aMonths + ", B "
                    + bMonths + ", C " + cMonths);
        }
    }

    public int months(AbcClass abcClass) {
        return switch (abcClass) {
            case A -> aMonths;
            case B -> bMonths;
            case C -> cMonths;
        };
    }

    /** When the SKU is next due; {@code lastCounted} null (never counted there) means {@code today}. */
    public LocalDate dueOn(AbcClass abcClass, LocalDate lastCounted, LocalDate today) {
        return lastCounted == null ? today : lastCounted.plusMonths(months(abcClass));
    }

    /** Whether a task is proposed now: due within {@code horizonDays} from today (or overdue). */
    public boolean proposeNow(LocalDate dueOn, LocalDate today, int horizonDays) {
        return !dueOn.isAfter(today.plusDays(horizonDays));
    }
}
