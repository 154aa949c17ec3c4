package io.stockline.alert.domain;

import java.time.OffsetDateTime;

/** The part of channel-connector's {@code io.stockline.channel.sync-status.v1} this service reads. */
public record SyncStatus(String channelId, State state, long pending, long lagSeconds, int consecutiveFailures,
        String lastError, OffsetDateTime reportedAt) {

    public enum State { OK, LAGGING, FAILING, CIRCUIT_OPEN, DISABLED }
}
