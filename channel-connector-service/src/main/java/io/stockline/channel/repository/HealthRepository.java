package io.stockline.channel.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** How a channel's calls have gone: failures in a row, back-off, the last success and error. */
@ApplicationScoped
public class HealthRepository {

    public record Health(int consecutiveFailures, OffsetDateTime lastSuccessAt, String lastError,
            OffsetDateTime backoffUntil, boolean circuitOpen, boolean reconcileRequested, boolean backingOff,
            int failuresLastHour) {

        public static final Health NONE = new Health(0, null, null, null, false, false, false, 0);
    }

    /** What every health read selects, mapped by {@link #health}; the channel first. */
    private static final String SELECT = """
            SELECT h.channel, h.consecutive_failures, h.last_success_at, h.last_error, h.backoff_until, h.circuit_open,
                h.reconcile_requested, COALESCE(h.backoff_until > now(), false),
                CAST((SELECT COUNT(*) FROM channel_call_failure f
                      WHERE f.channel = h.channel AND f.failed_at > now() - INTERVAL '1 hour') AS bigint)
            FROM channel_health h""";

    /** The channel's health ({@link Health#NONE} before its first call). */
    public Uni<Health> of(String channel) {
        return NativeSql.of(SELECT + " WHERE h.channel = :channel")
                .set("channel", channel).rows()
                .map(rows -> rows.isEmpty() ? Health.NONE : health(rows.get(0)));
    }

    /** The health of each of the channels that has made a call, by channel, in one statement. */
    public Uni<Map<String, Health>> of(Collection<String> channels) {
        return NativeSql.of(SELECT + " WHERE h.channel = ANY(CAST(:channels AS text[]))")
                .set("channels", channels.toArray(String[]::new)).rows()
                .map(rows -> {
                    Map<String, Health> byChannel = new HashMap<>();
                    rows.forEach(row -> byChannel.put(Rows.text(row[0]), health(row)));
                    return byChannel;
                });
    }

    private static Health health(Object[] row) {
        return new Health((int) Rows.longValue(row[1]), Rows.time(row[2]), Rows.text(row[3]), Rows.time(row[4]),
                Rows.bool(row[5]), Rows.bool(row[6]), Rows.bool(row[7]), (int) Rows.longValue(row[8]));
    }

    /**
     * A call went through: the failure streak and any back-off end. A healthy channel's row is written at most once a
     * second: a busy channel succeeds a hundred times a second, and each write was a row version and a WAL record
     * that told nobody anything new (the status shows the last success to the second).
     */
    public Uni<Void> succeeded(String channel) {
        return NativeSql.of("""
                INSERT INTO channel_health (channel, last_success_at) VALUES (:channel, now())
                ON CONFLICT (channel) DO UPDATE SET consecutive_failures = 0, last_success_at = now(),
                    backoff_until = NULL, circuit_open = false
                WHERE channel_health.consecutive_failures <> 0 OR channel_health.backoff_until IS NOT NULL
                    OR channel_health.circuit_open OR channel_health.last_success_at IS NULL
                    OR channel_health.last_success_at < now() - INTERVAL '1 second'""")
                .set("channel", channel).update()
                .replaceWithVoid();
    }

    /** A whole call failed: one more in the streak, and no call before {@code backoff} has passed. */
    public Uni<Void> failed(String channel, String error, Duration backoff, boolean circuitOpen) {
        return NativeSql.of("""
                INSERT INTO channel_health (channel, consecutive_failures, last_failure_at, last_error, backoff_until,
                    circuit_open)
                VALUES (:channel, 1, now(), :error, now() + make_interval(secs => :backoffSeconds), :circuitOpen)
                ON CONFLICT (channel) DO UPDATE SET consecutive_failures = channel_health.consecutive_failures + 1,
                    last_failure_at = now(), last_error = EXCLUDED.last_error, backoff_until = EXCLUDED.backoff_until,
                    circuit_open = EXCLUDED.circuit_open""")
                .set("channel", channel).set("error", error)
                .set("backoffSeconds", backoff.toMillis() / 1000.0).set("circuitOpen", circuitOpen)
                .update()
                .chain(() -> NativeSql.of("""
                        DELETE FROM channel_call_failure WHERE channel = :channel AND failed_at < now() - INTERVAL '1 hour'
                        """).set("channel", channel).update())
                .chain(() -> NativeSql.of("INSERT INTO channel_call_failure (channel) VALUES (:channel)")
                        .set("channel", channel).update())
                .replaceWithVoid();
    }

    public Uni<Void> requestReconcile(String channel, boolean requested) {
        return NativeSql.of("""
                INSERT INTO channel_health (channel, reconcile_requested) VALUES (:channel, :requested)
                ON CONFLICT (channel) DO UPDATE SET reconcile_requested = EXCLUDED.reconcile_requested""")
                .set("channel", channel).set("requested", requested).update()
                .replaceWithVoid();
    }
}
