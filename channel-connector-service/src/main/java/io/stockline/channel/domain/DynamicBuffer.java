package io.stockline.channel.domain;

/**
 * A buffer sized per SKU from how fast it sells and how long the channel takes to learn of a change: the units the
 * SKU is expected to sell during the channel's sync lag (its demand rate times the lag, rounded up), kept between
 * {@code floor} and {@code ceiling}. A fast seller on a slow channel keeps a bigger cushion; a slow seller keeps the
 * floor.
 */
public record DynamicBuffer(long floor, long ceiling) {

    public DynamicBuffer {
        if (floor < 0) {
            throw new IllegalArgumentException("dynamic buffer floor must not be negative: " + floor);
        }
        if (ceiling < floor) {
            throw new IllegalArgumentException("dynamic buffer ceiling must be at least its floor: " + ceiling);
        }
    }

    /** The units held back for {@code expectedDuringLag} units expected to sell while a change reaches the channel. */
    public long heldBack(double expectedDuringLag) {
        if (!(expectedDuringLag > 0)) { // NaN or nothing expected
            return floor;
        }
        double units = Math.ceil(expectedDuringLag);
        return units >= ceiling ? ceiling : Math.max(floor, (long) units);
    }
}
