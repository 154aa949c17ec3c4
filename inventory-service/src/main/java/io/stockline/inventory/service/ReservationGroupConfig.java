package io.stockline.inventory.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code stockline.reservations.group.*}: how concurrent plain reservations are gathered into one call and one commit
 * ({@link ReservationGroups}).
 */
@ConfigMapping(prefix = "stockline.reservations.group")
public interface ReservationGroupConfig {

    /** Whether plain reservations take the one-round-trip path at all; off, every reservation takes the general one. */
    @WithDefault("true")
    boolean enabled();

    /** How long the first request of a group waits for others before the group is sent (Vert.x timers: 1 ms at least). */
    @WithDefault("1ms")
    Duration window();

    /**
     * Requests per group at most. Each runs in a savepoint of the group's transaction, and PostgreSQL keeps up to 64
     * subtransactions of one transaction in shared memory; beyond that every other session's snapshot gets slower.
     */
    @WithDefault("48")
    int maxSize();

    /** Groups sent at once per instance; more wait (and gather more), so a burst becomes fewer, larger commits. */
    @WithDefault("4")
    int maxInFlight();
}
