package io.stockline.inventory.counting.domain;

/**
 * The cumulative shares of consumption value that make a class: SKUs ranked by value, the ones that reach the
 * first {@code aPercent} are A, those reaching {@code aPercent + bPercent} are B, the rest (the last
 * {@code 100 - aPercent - bPercent}, 5 by default) are C.
 */
public record AbcThresholds(int aPercent, int bPercent) {

    public AbcThresholds {
        if (aPercent < 1 || bPercent < 0 || aPercent + bPercent > 100) {
            throw new IllegalArgumentException("ABC thresholds must be 1..100 and add up to at most 100: A "
                    + aPercent + ", B " + bPercent);
        }
    }

    public int cPercent() {
        return 100 - aPercent - bPercent;
    }
}
