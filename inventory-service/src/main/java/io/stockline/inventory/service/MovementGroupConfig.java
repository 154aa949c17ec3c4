package io.stockline.inventory.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code stockline.movements.group.*}: how concurrent plain movements are gathered into one call and one commit
 * ({@link MovementGroups}).
 */
@ConfigMapping(prefix = "stockline.movements.group")
public interface MovementGroupConfig {

    /** Whether plain movements take the one-round-trip path at all; off, every movement takes the general one. */
    @WithDefault("true")
    boolean enabled();

    /** How long the first movement of a group waits for others before the group is sent (1 ms at least). */
    @WithDefault("1ms")
    Duration window();

    /** Movements per group at most: one transaction's locks and ledger rows, held until its commit. */
    @WithDefault("48")
    int maxSize();

    /** Groups sent at once per instance; more wait (and gather more), so a burst becomes fewer, larger commits. */
    @WithDefault("4")
    int maxInFlight();
}
