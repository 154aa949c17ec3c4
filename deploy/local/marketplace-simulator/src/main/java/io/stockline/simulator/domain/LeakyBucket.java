package io.stockline.simulator.domain;

/**
 * Shopify's cost bucket: holds up to {@code capacity} points, refills continuously at {@code restorePerSecond},
 * and a call runs only when the bucket holds its whole cost. Time comes in as nanoseconds so tests drive it.
 */
public final class LeakyBucket {

    private final double capacity;
    private final double restorePerSecond;
    private double available;
    private long lastNanos;

    public LeakyBucket(double capacity, double restorePerSecond, long nowNanos) {
        this.capacity = capacity;
        this.restorePerSecond = restorePerSecond;
        this.available = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code cost} points when the bucket holds them; either way returns what is left afterwards. */
    public synchronized Result tryTake(double cost, long nowNanos) {
        refill(nowNanos);
        boolean granted = available >= cost;
        if (granted) {
            available -= cost;
        }
        return new Result(granted, available, capacity, restorePerSecond);
    }

    private void refill(long nowNanos) {
        double seconds = Math.max(0, nowNanos - lastNanos) / 1_000_000_000.0;
        available = Math.min(capacity, available + seconds * restorePerSecond);
        lastNanos = Math.max(lastNanos, nowNanos);
    }

    public record Result(boolean granted, double currentlyAvailable, double maximumAvailable, double restoreRate) {
    }
}
