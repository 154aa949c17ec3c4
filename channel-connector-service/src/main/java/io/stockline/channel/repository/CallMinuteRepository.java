package io.stockline.channel.repository;

import static java.time.ZoneOffset.UTC;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.dispatch.CallCounts.Counted;
import io.stockline.channel.domain.CallMinute;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Each channel's calls per minute, the sum of what every instance counted. */
@ApplicationScoped
public class CallMinuteRepository {

    /** Adds the counts to their minutes, in one statement, in (channel, minute) order so two writers never deadlock. */
    public Uni<Void> add(List<Counted> counted) {
        if (counted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Counted> ordered = counted.stream().sorted(Comparator.comparing(Counted::channel)
                .thenComparing(c -> c.minute().minute())).toList();
        return NativeSql.of("""
                INSERT INTO channel_call_minute AS m (channel, minute, calls, throttled, failed)
                SELECT * FROM unnest(CAST(:channels AS text[]), CAST(:minutes AS timestamptz[]),
                    CAST(:calls AS bigint[]), CAST(:throttled AS bigint[]), CAST(:failed AS bigint[]))
                ON CONFLICT (channel, minute) DO UPDATE SET calls = m.calls + EXCLUDED.calls,
                    throttled = m.throttled + EXCLUDED.throttled, failed = m.failed + EXCLUDED.failed""")
                .set("channels", ordered.stream().map(Counted::channel).toArray(String[]::new))
                .set("minutes", ordered.stream().map(c -> c.minute().minute().atOffset(UTC))
                        .toArray(OffsetDateTime[]::new))
                .set("calls", ordered.stream().map(c -> c.minute().calls()).toArray(Long[]::new))
                .set("throttled", ordered.stream().map(c -> c.minute().throttled()).toArray(Long[]::new))
                .set("failed", ordered.stream().map(c -> c.minute().failed()).toArray(Long[]::new))
                .update().replaceWithVoid();
    }

    /** The channel's minutes from {@code from} on that had any call, oldest first. */
    public Uni<List<CallMinute>> since(String channel, Instant from) {
        return NativeSql.of("""
                SELECT minute, calls, throttled, failed FROM channel_call_minute
                WHERE channel = :channel AND minute >= :from ORDER BY minute""")
                .set("channel", channel).set("from", from.atOffset(UTC))
                .list(row -> new CallMinute(Rows.instant(row[0]), Rows.longValue(row[1]),
                        Rows.longValue(row[2]), Rows.longValue(row[3])));
    }

    /** Minutes older than {@code before}, of every channel, are forgotten. */
    public Uni<Void> forgetBefore(Instant before) {
        return NativeSql.of("DELETE FROM channel_call_minute WHERE minute < :before")
                .set("before", before.atOffset(UTC)).update().replaceWithVoid();
    }
}
