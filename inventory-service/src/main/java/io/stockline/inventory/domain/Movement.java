package io.stockline.inventory.domain;

import java.time.OffsetDateTime;

/**
 * One entry of the append-only ledger: who ({@code actor}), when ({@code createdAt}) and why ({@code reasonCode} for
 * corrections by hand, and the free {@code reason} note).
 */
public record Movement(long id, MovementType type, String sku, String location, long quantity, String reason,
        String reference, String actor, String idempotencyKey, String requestHash, long resultingVersion,
        OffsetDateTime createdAt, AdjustmentReason reasonCode) {
}
