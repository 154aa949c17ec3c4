package io.stockline.inventory.domain;

import java.time.OffsetDateTime;

/** One entry of the append-only ledger. */
public record Movement(long id, MovementType type, String sku, String location, long quantity, String reason,
        String reference, String actor, String idempotencyKey, String requestHash, long resultingVersion,
        OffsetDateTime createdAt) {
}
