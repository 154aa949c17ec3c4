package io.stockline.inventory.service;

import io.smallrye.config.ConfigMapping;

/**
 * {@code stockline.reservations.group.*}: how concurrent plain reservations are gathered into one call and one commit
 * ({@link ReservationGroups}). Each request of a group runs in a savepoint of the group's transaction, and PostgreSQL
 * keeps up to 64 subtransactions of one transaction in shared memory (beyond that every other session's snapshot gets
 * slower): {@code max-size} stays under 64.
 */
@ConfigMapping(prefix = "stockline.reservations.group")
public interface ReservationGroupConfig extends GroupCommitConfig {
}
