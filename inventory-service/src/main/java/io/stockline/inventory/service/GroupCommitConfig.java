package io.stockline.inventory.service;

import java.time.Duration;

import io.smallrye.config.WithDefault;
import io.stockline.platform.gathering.RequestGatherer;

/**
 * How concurrent plain requests of one kind are gathered into one database call and one commit; each kind's settings
 * ({@link ReservationGroupConfig}, {@link MovementGroupConfig}) have this shape under a prefix of their own.
 */
public interface GroupCommitConfig {

    /** Whether the one-round-trip path is taken at all; off, every request takes the general path. */
    @WithDefault("true")
    boolean enabled();

    /** How long the first request of a group waits for others before the group is sent (Vert.x timers: 1 ms at least). */
    @WithDefault("1ms")
    Duration window();

    /** Requests per group at most: one transaction's locks and rows, held until its commit. */
    @WithDefault("48")
    int maxSize();

    /** Groups sent at once per instance; more wait (and gather more), so a burst becomes fewer, larger commits. */
    @WithDefault("4")
    int maxInFlight();

    default RequestGatherer.Limits limits() {
        return new RequestGatherer.Limits(window(), maxSize(), maxInFlight());
    }
}
