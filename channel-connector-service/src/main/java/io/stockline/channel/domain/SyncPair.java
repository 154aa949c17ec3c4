package io.stockline.channel.domain;

import java.time.OffsetDateTime;

/**
 * One (channel, SKU) pair's sync state: what the channel should hold (wanted quantity and version), what it was
 * last seen to hold (pushed quantity and version), how the calls for it went, the listing it is pushed to, the
 * version the marketplace queued without applying yet ({@code acceptedVersion}, null when none), and until when it
 * is held back (its listing at the marketplace's daily revision cap; null when not held).
 */
public record SyncPair(String sku, long wantedQuantity, long wantedVersion, Long pushedQuantity, Long pushedVersion,
        OffsetDateTime pushedAt, int attempts, boolean rejected, String lastError, OffsetDateTime nextAttemptAt,
        String listingId, Long acceptedVersion, OffsetDateTime heldUntil) {

    public PairState state() {
        return PairState.of(wantedVersion, pushedVersion, acceptedVersion, rejected);
    }
}
