package io.stockline.alert.domain;

import java.time.Duration;

/** Exponential backoff: initial after the first failure, doubling after each next one, never over max. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
