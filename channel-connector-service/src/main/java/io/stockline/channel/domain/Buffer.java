package io.stockline.channel.domain;

/**
 * Stock held back from a channel so that a late sync never oversells: a number of units, or a percentage of
 * what the channel's locations have (rounded up, so a percent buffer always holds back at least what it says).
 */
public record Buffer(long amount, Unit unit) {

    public enum Unit {
        UNITS, PERCENT
    }

    public static final Buffer NONE = new Buffer(0, Unit.UNITS);

    public Buffer {
        if (unit == null) {
            throw new IllegalArgumentException("buffer unit is required");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("buffer must not be negative: " + amount);
        }
        if (unit == Unit.PERCENT && amount > 100) {
            throw new IllegalArgumentException("a percent buffer must be at most 100: " + amount);
        }
    }

    public static Buffer units(long amount) {
        return new Buffer(amount, Unit.UNITS);
    }

    public static Buffer percent(long amount) {
        return new Buffer(amount, Unit.PERCENT);
    }

    /** The units held back from {@code available} (which is not negative). */
    public long heldBackFrom(long available) {
        if (unit == Unit.UNITS) {
            return amount;
        }
        // ceil(available * amount / 100) without floating point
        return Math.floorDiv(Math.multiplyExact(available, amount) + 99, 100);
    }
}
