package io.stockline.inventory.counting.domain;

/**
 * How far a count may be from the system's quantity and still agree with it: within {@code units} units, or within
 * {@code percent} percent of the system's quantity, whichever is wider. (0, 0) means an exact match.
 */
public record Tolerance(long units, int percent) {

    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (units < 0 || percent < 0) {
            throw new IllegalArgumentException("a tolerance is not negative: " + units + " units, " + percent + " %");
        }
    }

    public boolean within(long counted, long expected) {
        long off = Math.abs(counted - expected);
        if (off <= units) {
            return true;
        }
        // off * 100 <= percent * expected, without division; an expected of 0 has no percentage to speak of
        return expected > 0 && off * 100 <= (long) percent * expected;
    }
}
