package io.stockline.channel.domain;

/** A channel's sync health, as published on channel.sync-status. */
public enum SyncState {
    OK, LAGGING, FAILING, CIRCUIT_OPEN, DISABLED;

    /**
     * The state of a channel: disabled before anything else, then an open circuit, then failing calls (at least
     * {@code failingAfter} in a row), then a lag older than {@code lagThresholdSeconds}.
     */
    public static SyncState of(boolean enabled, boolean circuitOpen, int consecutiveFailures, int failingAfter,
            long pending, long lagSeconds, long lagThresholdSeconds) {
        if (!enabled) {
            return DISABLED;
        }
        if (circuitOpen) {
            return CIRCUIT_OPEN;
        }
        if (consecutiveFailures >= failingAfter) {
            return FAILING;
        }
        if (pending > 0 && lagSeconds > lagThresholdSeconds) {
            return LAGGING;
        }
        return OK;
    }
}
