package io.stockline.inventory.counting.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto classification by consumption value. SKUs are ranked by value, highest first (ties by SKU, so the
 * same input always gives the same classes); a SKU is A while the value ranked above it is still below the A share
 * of the total, so the SKU that crosses the line is A too (the top SKU is always A when anything was consumed);
 * B likewise up to A + B; everything else, and every SKU that consumed nothing, is C.
 */
public final class AbcClassifier {

    /** What one SKU consumed: units that left (sales, committed reservations) and their value at its unit cost. */
    public record Consumption(String sku, long units, BigDecimal value) {
    }

    public record Classified(String sku, long units, BigDecimal value, AbcClass abcClass) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AbcClassifier() {
    }

    public static List<Classified> classify(List<Consumption> consumption, AbcThresholds thresholds) {
        List<Consumption> ranked = new ArrayList<>(consumption);
        ranked.sort(Comparator.comparing(Consumption::value).reversed().thenComparing(Consumption::sku));
        BigDecimal total = ranked.stream().map(Consumption::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal aLine = total.multiply(BigDecimal.valueOf(thresholds.aPercent())).divide(HUNDRED);
        BigDecimal bLine = total.multiply(BigDecimal.valueOf(thresholds.aPercent() + thresholds.bPercent())).divide(HUNDRED);
        List<Classified> classified = new ArrayList<>(ranked.size());
        BigDecimal above = BigDecimal.ZERO;
        for (Consumption c : ranked) {
            AbcClass abcClass;
            if (c.value().signum() <= 0) {
                abcClass = AbcClass.C;
            } else if (above.compareTo(aLine) < 0) {
                abcClass = AbcClass.A;
            } else if (above.compareTo(bLine) < 0) {
                abcClass = AbcClass.B;
            } else {
                abcClass = AbcClass.C;
            }
            classified.add(new Classified(c.sku(), c.units(), c.value(), abcClass));
            above = above.add(c.value());
        }
        return classified;
    }
}
