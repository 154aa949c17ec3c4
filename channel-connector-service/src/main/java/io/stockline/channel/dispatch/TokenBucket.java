package io.stockline.channel.dispatch;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that hands out reservations instead of refusals: {@link #reserve} takes the permits at once
 * (the balance may go below zero) and says how long the caller must wait before using them, so concurrent
 * callers queue up at the refill rate without anybody blocking. The server's own signals move it: a pause
 * (Retry-After, Shopify THROTTLED) stops the refill until the pause ends; a reported rate (x-amzn-RateLimit-Limit,
 * Shopify restoreRate) replaces the refill rate; a reported balance (Shopify currentlyAvailable) caps ours.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final LongSupplier nanoClock;
    private double capacity;
    private double refillPerSecond;
    private double tokens;
    /** The instant (nanoClock) up to which the balance is accounted; later than now while paused. */
    private long accountedUntil;

    TokenBucket(double capacity, double refillPerSecond, LongSupplier nanoClock) {
        if (capacity <= 0 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("capacity and refill rate must be positive");
        }
        this.nanoClock = nanoClock;
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.tokens = capacity;
        this.accountedUntil = nanoClock.getAsLong();
    }

    /** Takes {@code cost} permits and returns how long to wait before the call may go (zero: go now). */
    synchronized Duration reserve(double cost) {
        long now = nanoClock.getAsLong();
        refill(now);
        tokens -= cost;
        double deficitSeconds = tokens >= 0 ? 0 : -tokens / refillPerSecond;
        long waitNanos = Math.max(0, accountedUntil - now) + Math.round(deficitSeconds * NANOS_PER_SECOND);
        return Duration.ofNanos(waitNanos);
    }

    /** The server said to stop for {@code pause}: no refill until then, and what was left is spent. */
    synchronized void pause(Duration pause) {
        long now = nanoClock.getAsLong();
        refill(now);
        tokens = Math.min(tokens, 0);
        accountedUntil = Math.max(accountedUntil, now + pause.toNanos());
    }

    /** The server reported its own bucket (Shopify throttleStatus): adopt its size and rate, never hold more than it has. */
    synchronized void serverBucket(double available, double maximum, double restorePerSecond) {
        long now = nanoClock.getAsLong();
        refill(now);
        if (maximum > 0) {
            capacity = maximum;
        }
        if (restorePerSecond > 0) {
            refillPerSecond = restorePerSecond;
        }
        tokens = Math.min(Math.min(tokens, available), capacity);
    }

    /** The server reported the rate it allows (x-amzn-RateLimit-Limit). */
    synchronized void serverRate(double perSecond) {
        if (perSecond > 0) {
            refill(nanoClock.getAsLong());
            refillPerSecond = perSecond;
        }
    }

    /** How long until the current pause ends; zero when there is none. For a call that already holds its permits. */
    synchronized Duration untilResumed() {
        return Duration.ofNanos(Math.max(0, accountedUntil - nanoClock.getAsLong()));
    }

    /** When the current pause ends, as nanoClock time; not after now when there is none. */
    synchronized long pausedUntilNanos() {
        return accountedUntil;
    }

    synchronized double refillPerSecond() {
        return refillPerSecond;
    }

    synchronized double capacity() {
        return capacity;
    }

    synchronized double tokens() {
        refill(nanoClock.getAsLong());
        return tokens;
    }

    private void refill(long now) {
        if (now > accountedUntil) {
            tokens = Math.min(capacity, tokens + (now - accountedUntil) / NANOS_PER_SECOND * refillPerSecond);
            accountedUntil = now;
        }
    }
}
