package io.stockline.channel.repository;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.SyncPair;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * What each channel should hold per SKU (wanted quantity and its version) and what it was last seen to hold
 * (pushed quantity and the version that put it there). A pair is pending while the two quantities differ and
 * the marketplace has not rejected the wanted version.
 */
@ApplicationScoped
public class SyncStateRepository {

    /** Versions, not quantities: an outcome that could not be recorded leaves the marketplace's number unknown (V4). */
    static final String PENDING = "pushed_version IS DISTINCT FROM wanted_version AND rejected_version IS NULL";

    /**
     * A new wanted quantity takes a new version; a pair in sync starts its lag now, a pending one keeps its age; a held
     * pair (its listing at the daily revision cap) stays held, with its reason, and takes the new quantity when released.
     */
    private static final String UPSERT_WANTED = """
             ON CONFLICT (channel, sku) DO UPDATE SET wanted_quantity = EXCLUDED.wanted_quantity,
                wanted_version = sync_state.wanted_version + 1, wanted_at = now(),
                pending_since = CASE WHEN sync_state.pushed_version IS DISTINCT FROM sync_state.wanted_version
                    AND sync_state.rejected_version IS NULL THEN sync_state.pending_since ELSE now() END,
                attempts = 0, rejected_version = NULL,
                last_error = CASE WHEN sync_state.held_until > now() THEN sync_state.last_error END,
                next_attempt_at = GREATEST(sync_state.held_until, now()),
                traceparent = EXCLUDED.traceparent
            WHERE sync_state.wanted_quantity <> EXCLUDED.wanted_quantity
            RETURNING channel""";

    /**
     * A pending pair as the worker takes it, with the W3C traceparent of the change that set its wanted quantity
     * (null: none was traced).
     */
    public record Due(String sku, long wantedQuantity, long wantedVersion, Long pushedQuantity, String listingId,
            String traceparent) {

        public Due(String sku, long wantedQuantity, long wantedVersion, Long pushedQuantity, String listingId) {
            this(sku, wantedQuantity, wantedVersion, pushedQuantity, listingId, null);
        }
    }

    /** Pending figures of a channel. */
    public record Summary(long pending, long lagSeconds, long rejected) {

        public static final Summary NONE = new Summary(0, 0, 0);
    }

    /** A quantity a channel should hold of a SKU, and the traceparent of the change that asks for it (or null). */
    public record Wanted(String channel, String sku, long quantity, String traceparent) {

        public Wanted(String channel, String sku, long quantity) {
            this(channel, sku, quantity, null);
        }
    }

    /**
     * {@link #want} for many pairs (each pair at most once), a few hundred per statement; returns the channels whose
     * wanted quantity changed.
     */
    public Uni<java.util.Set<String>> want(List<Wanted> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(java.util.Set.of());
        }
        return upsertWanted(pairs).map(java.util.TreeSet::new);
    }

    /** {@link #want(List)}; returns how many wanted quantities changed. */
    public Uni<Integer> wantCount(List<Wanted> pairs) {
        return pairs.isEmpty() ? Uni.createFrom().item(0) : upsertWanted(pairs).map(List::size);
    }

    /**
     * One statement whatever the number of pairs, its text always the same (the arrays are its only parameters), so
     * the prepared statement is reused; the rows go in (channel, SKU) order, the order every writer of these rows
     * keeps. Returns the channel of each pair whose wanted quantity changed.
     */
    private Uni<List<String>> upsertWanted(List<Wanted> pairs) {
        List<Wanted> ordered = pairs.stream()
                .sorted(java.util.Comparator.comparing(Wanted::channel).thenComparing(Wanted::sku)).toList();
        return NativeSql.of("""
                INSERT INTO sync_state (channel, sku, wanted_quantity, traceparent)
                SELECT * FROM unnest(CAST(:channels AS text[]), CAST(:skus AS text[]), CAST(:quantities AS bigint[]),
                    CAST(:traceparents AS text[]))""" + UPSERT_WANTED)
                .set("channels", ordered.stream().map(Wanted::channel).toArray(String[]::new))
                .set("skus", ordered.stream().map(Wanted::sku).toArray(String[]::new))
                .set("quantities", ordered.stream().map(Wanted::quantity).toArray(Long[]::new))
                .set("traceparents", ordered.stream().map(Wanted::traceparent).toArray(String[]::new))
                .column().map(channels -> channels.stream().map(Rows::text).toList());
    }

    /** The channel is told nothing more about the SKU (it is excluded). */
    public Uni<Void> forget(String channel, String sku) {
        return NativeSql.of("DELETE FROM sync_state WHERE channel = :channel AND sku = :sku")
                .set("channel", channel).set("sku", sku).update()
                .replaceWithVoid();
    }

    /**
     * Pending pairs that are due: zero-outs first (they stop overselling), then the oldest. A pair whose wanted version
     * the marketplace queued is not sent again: it waits for its read-back ({@link #awaitingConfirmation}). The
     * listing ids are looked up for the pairs taken only: joined before the limit, the planner hashed every listing of
     * the channel (1,000 in the channel benchmark) for a webhook claim of a few pairs, four times the cost (session 31).
     */
    public Uni<List<Due>> due(String channel, int limit) {
        return NativeSql.of("""
                SELECT d.sku, d.wanted_quantity, d.wanted_version, d.pushed_quantity,
                    (SELECT l.listing_id FROM channel_listing l WHERE l.channel = :channel AND l.sku = d.sku), d.traceparent
                FROM (SELECT s.sku, s.wanted_quantity, s.wanted_version, s.pushed_quantity, s.traceparent, s.pending_since
                      FROM sync_state s
                      WHERE s.channel = :channel AND s.pushed_version IS DISTINCT FROM s.wanted_version
                        AND s.rejected_version IS NULL AND s.next_attempt_at <= now()
                        AND s.accepted_version IS DISTINCT FROM s.wanted_version
                      ORDER BY (s.wanted_quantity = 0) DESC, s.pending_since, s.sku LIMIT :limit) d
                ORDER BY (d.wanted_quantity = 0) DESC, d.pending_since, d.sku""")
                .set("channel", channel).set("limit", limit)
                .list(row -> new Due(Rows.text(row[0]), Rows.longValue(row[1]),
                        Rows.longValue(row[2]), Rows.longOrNull(row[3]),
                        Rows.text(row[4]), Rows.text(row[5])));
    }

    /** The marketplace holds {@code quantity} as of {@code version}; an older answer never overwrites a newer one. */
    public Uni<Boolean> applied(String channel, String sku, long quantity, long version) {
        return NativeSql.of("""
                UPDATE sync_state SET pushed_quantity = :quantity, pushed_version = :version, pushed_at = now(),
                    attempts = 0, last_error = NULL, accepted_version = NULL, held_until = NULL
                WHERE channel = :channel AND sku = :sku AND wanted_version >= :version
                  AND (pushed_version IS NULL OR pushed_version < :version)""")
                .set("channel", channel).set("sku", sku).set("quantity", quantity)
                .set("version", version).update()
                .map(count -> count == 1);
    }

    /** {@link #applied} for many pairs of one channel (each at most once) in one statement; returns how many took. */
    public Uni<Integer> applied(String channel, List<Due> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // the arrays are the only parameters: one statement text whatever the batch, prepared once
        return NativeSql.of("""
                UPDATE sync_state s SET pushed_quantity = u.q, pushed_version = u.v, pushed_at = now(), attempts = 0,
                    last_error = NULL, accepted_version = NULL, held_until = NULL
                FROM unnest(CAST(:skus AS text[]), CAST(:quantities AS bigint[]), CAST(:versions AS bigint[])) AS u (sku, q, v)
                WHERE s.channel = :channel AND s.sku = u.sku AND s.wanted_version >= u.v
                  AND (s.pushed_version IS NULL OR s.pushed_version < u.v)""")
                .set("channel", channel)
                .set("skus", pairs.stream().map(Due::sku).toArray(String[]::new))
                .set("quantities", pairs.stream().map(Due::wantedQuantity).toArray(Long[]::new))
                .set("versions", pairs.stream().map(Due::wantedVersion).toArray(Long[]::new))
                .update();
    }

    /** The marketplace refused this version for good: it stays visible as failed until the wanted quantity changes. */
    public Uni<Void> rejected(String channel, String sku, long version, String detail) {
        return NativeSql.of("""
                UPDATE sync_state SET rejected_version = wanted_version, attempts = attempts + 1, last_error = :detail,
                    accepted_version = NULL
                WHERE channel = :channel AND sku = :sku AND wanted_version = :version""")
                .set("channel", channel).set("sku", sku).set("version", version)
                .set("detail", detail).update()
                .replaceWithVoid();
    }

    /**
     * The marketplace holds {@code held} (null: unknown), which is not what it should: push again after
     * {@code delay} under a new version, so the retry carries an idempotency key of its own. True when it drifted.
     */
    public Uni<Boolean> repush(String channel, String sku, Long held, String reason, Duration delay) {
        return NativeSql.of("""
                UPDATE sync_state SET pushed_quantity = CAST(:held AS bigint), pushed_version = NULL,
                    wanted_version = wanted_version + 1,
                    pending_since = CASE WHEN (""" + PENDING + """
                    ) THEN pending_since ELSE now() END,
                    attempts = attempts + 1, rejected_version = NULL, last_error = CAST(:reason AS text),
                    next_attempt_at = now() + make_interval(secs => :delaySeconds), accepted_version = NULL
                WHERE channel = :channel AND sku = :sku
                  AND (CAST(:held AS bigint) IS NULL OR wanted_quantity <> CAST(:held AS bigint))""")
                .set("channel", channel).set("sku", sku).set("held", held)
                .set("reason", reason).set("delaySeconds", delay.toMillis() / 1000.0)
                .update()
                .map(count -> count == 1);
    }

    /**
     * The marketplace queued {@code version} without applying it yet (Amazon's 200 ACCEPTED): the pair stays pending,
     * is not sent again, and is read back after {@code firstRead}. An older answer never overwrites a newer version.
     */
    public Uni<Boolean> accepted(String channel, String sku, long version, Duration firstRead) {
        return NativeSql.of("""
                UPDATE sync_state SET accepted_version = :version, accepted_at = now(), confirm_attempts = 0,
                    attempts = 0, last_error = NULL, next_attempt_at = now() + make_interval(secs => :delaySeconds)
                WHERE channel = :channel AND sku = :sku AND wanted_version = :version
                  AND (pushed_version IS NULL OR pushed_version < :version)""")
                .set("channel", channel).set("sku", sku).set("version", version)
                .set("delaySeconds", firstRead.toMillis() / 1000.0).update()
                .map(count -> count == 1);
    }

    /**
     * A pair whose wanted version the marketplace queued, the read-backs it has had, and how long until the next
     * ({@code dueIn}, zero or less: due now).
     */
    public record Accepted(Due pair, int confirmAttempts, Duration dueIn) {

        public Accepted(Due pair, int confirmAttempts) {
            this(pair, confirmAttempts, Duration.ZERO);
        }

        public boolean due() {
            return dueIn.isZero() || dueIn.isNegative();
        }
    }

    /** Queued versions awaiting their read-back, the soonest due first (due or not: the worker wakes for them). */
    public Uni<List<Accepted>> awaitingConfirmation(String channel, int limit) {
        return NativeSql.of("""
                SELECT s.sku, s.wanted_quantity, s.wanted_version, s.pushed_quantity, l.listing_id, s.traceparent,
                    s.confirm_attempts, CAST(EXTRACT(EPOCH FROM s.next_attempt_at - now()) * 1000 AS bigint)
                FROM sync_state s LEFT JOIN channel_listing l ON l.channel = s.channel AND l.sku = s.sku
                WHERE s.channel = :channel AND s.accepted_version IS NOT NULL AND s.accepted_version = s.wanted_version
                  AND s.pushed_version IS DISTINCT FROM s.wanted_version AND s.rejected_version IS NULL
                ORDER BY s.next_attempt_at, s.sku LIMIT :limit""")
                .set("channel", channel).set("limit", limit)
                .list(row -> new Accepted(new Due(Rows.text(row[0]), Rows.longValue(row[1]),
                        Rows.longValue(row[2]), Rows.longOrNull(row[3]), Rows.text(row[4]), Rows.text(row[5])),
                        (int) Rows.longValue(row[6]), Duration.ofMillis(Rows.longValue(row[7]))));
    }

    /**
     * A read-back did not show the queued {@code version} yet: one more attempt, the next after {@code wait}; returns
     * the attempts made so far (0 when the pair moved on meanwhile).
     */
    public Uni<Integer> notConfirmedYet(String channel, String sku, long version, Duration wait, String seen) {
        return NativeSql.of("""
                UPDATE sync_state SET confirm_attempts = confirm_attempts + 1, last_error = CAST(:seen AS text),
                    next_attempt_at = now() + make_interval(secs => :delaySeconds)
                WHERE channel = :channel AND sku = :sku AND accepted_version = :version AND wanted_version = :version
                RETURNING confirm_attempts""")
                .set("channel", channel).set("sku", sku).set("version", version)
                .set("seen", seen).set("delaySeconds", wait.toMillis() / 1000.0).column()
                .map(attempts -> attempts.isEmpty() ? 0 : (int) Rows.longValue(attempts.get(0)));
    }

    /**
     * The pairs' listings are at the marketplace's daily revision cap: nothing is sent for them until {@code until}
     * (their wanted quantity keeps moving meanwhile, and the latest is pushed then); {@code reason} shows why.
     */
    public Uni<Void> hold(String channel, List<String> skus, String reason, java.time.OffsetDateTime until) {
        return skus.isEmpty() ? Uni.createFrom().voidItem() : NativeSql.of("""
                UPDATE sync_state SET held_until = :until, next_attempt_at = :until, last_error = :reason
                WHERE channel = :channel AND sku = ANY(CAST(:skus AS text[]))""")
                .set("channel", channel).set("skus", skus.toArray(String[]::new)).set("reason", reason)
                .set("until", until).update()
                .replaceWithVoid();
    }

    /** A whole call failed: every pair it carried counts an attempt and shows the error. */
    public Uni<Void> callFailed(String channel, List<String> skus, String error) {
        return NativeSql.of("""
                UPDATE sync_state SET attempts = attempts + 1, last_error = :error
                WHERE channel = :channel AND sku = ANY(CAST(:skus AS text[]))""")
                .set("channel", channel).set("skus", skus.toArray(String[]::new)).set("error", error)
                .update()
                .replaceWithVoid();
    }

    /** The channel's pairs (or one SKU's), with their listing. */
    public Uni<List<SyncPair>> rows(String channel, String sku, int limit) {
        String sql = """
                SELECT s.sku, s.wanted_quantity, s.wanted_version, s.pushed_quantity, s.pushed_version, s.pushed_at,
                    s.attempts, s.rejected_version IS NOT NULL, s.last_error, s.next_attempt_at, l.listing_id,
                    s.accepted_version, s.held_until
                FROM sync_state s LEFT JOIN channel_listing l ON l.channel = s.channel AND l.sku = s.sku
                WHERE s.channel = :channel""" + (sku == null ? "" : " AND s.sku = :sku") + " ORDER BY s.sku LIMIT :limit";
        NativeSql query = NativeSql.of(sql).set("channel", channel).set("limit", limit);
        if (sku != null) {
            query.set("sku", sku);
        }
        return query.list(row -> new SyncPair(Rows.text(row[0]), Rows.longValue(row[1]),
                Rows.longValue(row[2]), Rows.longOrNull(row[3]),
                Rows.longOrNull(row[4]), Rows.time(row[5]),
                (int) Rows.longValue(row[6]), Rows.bool(row[7]), Rows.text(row[8]), Rows.time(row[9]),
                Rows.text(row[10]), Rows.longOrNull(row[11]), Rows.time(row[12])));
    }

    /** A SKU a channel is told about, with its listing (null when unmapped). */
    public record Synced(String sku, String listingId) {
    }

    /** SKUs of the channel after {@code afterSku}, in order, with their listing. */
    public Uni<List<Synced>> page(String channel, String afterSku, int limit) {
        return NativeSql.of("""
                SELECT s.sku, l.listing_id FROM sync_state s
                LEFT JOIN channel_listing l ON l.channel = s.channel AND l.sku = s.sku
                WHERE s.channel = :channel AND s.sku > :after ORDER BY s.sku LIMIT :limit""")
                .set("channel", channel).set("after", afterSku).set("limit", limit)
                .list(row -> new Synced(Rows.text(row[0]), Rows.text(row[1])));
    }

    /**
     * The pending figures of each of the channels, by channel, in one statement; a channel without pairs has none
     * ({@link Summary#NONE}) and is left out.
     */
    public Uni<Map<String, Summary>> summaries(Collection<String> channels) {
        return NativeSql.of("""
                SELECT channel, CAST(COUNT(*) FILTER (WHERE %s) AS bigint),
                    CAST(COALESCE(EXTRACT(EPOCH FROM now() - MIN(pending_since) FILTER (WHERE %s)), 0) AS bigint),
                    CAST(COUNT(*) FILTER (WHERE rejected_version IS NOT NULL) AS bigint)
                FROM sync_state WHERE channel = ANY(CAST(:channels AS text[])) GROUP BY channel""".formatted(PENDING, PENDING))
                .set("channels", channels.toArray(String[]::new)).rows()
                .map(rows -> {
                    Map<String, Summary> byChannel = new HashMap<>();
                    rows.forEach(row -> byChannel.put(Rows.text(row[0]),
                            new Summary(Rows.longValue(row[1]), Rows.longValue(row[2]), Rows.longValue(row[3]))));
                    return byChannel;
                });
    }
}
