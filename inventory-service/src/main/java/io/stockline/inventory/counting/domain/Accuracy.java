package io.stockline.inventory.counting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inventory accuracy: of the SKU-locations counted in a month, the share whose count agreed with the system within
 * tolerance, and how far off the counts were in units and in value (absolute differences, so a surplus and a
 * shortage do not cancel out), per month and per group (a class or a location).
 */
public final class Accuracy {

    /** One approved count: its group, the day it was counted, what was counted and what the system held then. */
    public record Count(String group, LocalDate countedOn, long counted, long expected, BigDecimal unitCost) {
    }

    public record Period(YearMonth month, String group, int counted, int accurate, BigDecimal accuracyPercent,
            long unitsOff, BigDecimal valueOff) {
    }

    private Accuracy() {
    }

    public static List<Period> byMonth(List<Count> counts, Tolerance tolerance) {
        Map<YearMonth, Map<String, List<Count>>> grouped = new TreeMap<>();
        for (Count count : counts) {
            grouped.computeIfAbsent(YearMonth.from(count.countedOn()), m -> new TreeMap<>())
                    .computeIfAbsent(count.group(), g -> new ArrayList<>()).add(count);
        }
        List<Period> periods = new ArrayList<>();
        grouped.forEach((month, groups) -> groups.forEach((group, inGroup) -> {
            int accurate = 0;
            long unitsOff = 0;
            BigDecimal valueOff = BigDecimal.ZERO;
            for (Count count : inGroup) {
                if (tolerance.within(count.counted(), count.expected())) {
                    accurate++;
                }
                long off = Math.abs(count.counted() - count.expected());
                unitsOff += off;
                if (count.unitCost() != null) {
                    valueOff = valueOff.add(count.unitCost().multiply(BigDecimal.valueOf(off)));
                }
            }
            BigDecimal percent = BigDecimal.valueOf(accurate * 100L)
                    .divide(BigDecimal.valueOf(inGroup.size()), 1, RoundingMode.HALF_UP);
            periods.add(new Period(month, group, inGroup.size(), accurate, percent, unitsOff, valueOff));
        }));
        periods.sort(Comparator.comparing(Period::month).thenComparing(Period::group));
        return periods;
    }
}
