package io.stockline.simulator.domain;

/**
 * Amazon's usage plan: {@code rate} requests a second with bursts of up to {@code burst}. A request takes one token;
 * without one it is over the limit. Time comes in as nanoseconds so tests drive it.
 */
public final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double rate, double burst, long nowNanos) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    public synchronized boolean tryTake(long nowNanos) {
        double seconds = Math.max(0, nowNanos - lastNanos) / 1_000_000_000.0;
        tokens = Math.min(burst, tokens + seconds * rate);
        lastNanos = Math.max(lastNanos, nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    public double rate() {
        return rate;
    }
}
