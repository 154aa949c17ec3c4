package io.stockline.channel.domain;

import java.time.OffsetDateTime;

/** A channel's sync health as SyncStatusV1 tells it, plus {@code rejected}: pairs the marketplace refused for good. */
public record SyncStatus(String channelId, String channelType, SyncState state, long pending, long lagSeconds,
        int consecutiveFailures, int failuresLastHour, OffsetDateTime lastSuccessAt, String lastError,
        long rejected, OffsetDateTime reportedAt) {

    /** The CloudEvent type of SyncStatusV1. */
    public static final String TYPE = "io.stockline.channel.sync-status.v1";
}
