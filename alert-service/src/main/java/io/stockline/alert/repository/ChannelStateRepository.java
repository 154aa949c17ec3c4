package io.stockline.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.SyncStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** The last sync status per channel. */
@ApplicationScoped
public class ChannelStateRepository {

    /**
     * Stores the status if it is newer than the one held; false when it is not (a stale or repeated report). Either
     * way the channel's row is locked until the transaction ends (ON CONFLICT DO UPDATE locks the row it finds even
     * when its WHERE leaves it unchanged).
     */
    public Uni<Boolean> saveIfNewer(SyncStatus status) {
        return NativeSql.of("""
                INSERT INTO channel_state (channel_id, state, pending, lag_seconds, consecutive_failures, last_error,
                                           reported_at)
                VALUES (:channel, :state, :pending, :lag, :failures, CAST(:error AS text), :reportedAt)
                ON CONFLICT (channel_id) DO UPDATE
                SET state = EXCLUDED.state, pending = EXCLUDED.pending, lag_seconds = EXCLUDED.lag_seconds,
                    consecutive_failures = EXCLUDED.consecutive_failures, last_error = EXCLUDED.last_error,
                    reported_at = EXCLUDED.reported_at
                WHERE channel_state.reported_at < EXCLUDED.reported_at""")
                .set("channel", status.channelId()).set("state", status.state().name())
                .set("pending", status.pending()).set("lag", status.lagSeconds())
                .set("failures", status.consecutiveFailures()).set("error", status.lastError())
                .set("reportedAt", status.reportedAt())
                .update()
                .map(count -> count == 1);
    }

    /**
     * The last status of a channel, or null, its row locked until the transaction ends: a report being stored
     * (saveIfNewer holds the same row) is waited for and then read, rather than the one it replaces.
     */
    public Uni<SyncStatus> lock(String channel) {
        return NativeSql.of("""
                SELECT channel_id, state, pending, lag_seconds, consecutive_failures, last_error, reported_at
                FROM channel_state WHERE channel_id = :channel FOR UPDATE""")
                .set("channel", channel)
                .first(row -> new SyncStatus((String) row[0],
                        SyncStatus.State.valueOf((String) row[1]), ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue(), ((Number) row[4]).intValue(),
                        (String) row[5], Rows.time(row[6])));
    }
}
