package io.stockline.alert.repository;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Subscription;
import io.stockline.alert.domain.SubscriptionFilter;
import io.stockline.platform.secrets.SecretBox;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * Subscriptions. A target (a webhook or chat URL can carry a credential, an address is personal) and a secret are
 * stored sealed ({@link SecretBox}, bound to the subscription's id), and opened as they are read.
 */
@ApplicationScoped
public class SubscriptionRepository {

    /** A stored target and secret as they are in the table (sealed, or from before sealing). */
    public record Stored(UUID id, String target, String secret) {
    }

    private final SecretBox box;

    public SubscriptionRepository(SecretBox box) {
        this.box = box;
    }

    public static String targetContext(UUID id) {
        return "subscription.target/" + id;
    }

    public static String secretContext(UUID id) {
        return "subscription.secret/" + id;
    }

    private static final String COLUMNS = """
            id, name, channel, target, secret, kinds, sku, location, digest, digest_time, next_digest_at,
            last_digest_at, enabled, created_at""";

    public Uni<Subscription> insert(Subscription s) {
        return bind(NativeSql.of("""
                INSERT INTO subscription (id, name, channel, target, secret, kinds, sku, location, digest, digest_time,
                                          next_digest_at, enabled)
                VALUES (:id, :name, :channel, :target, CAST(:secret AS text), :kinds, CAST(:sku AS text),
                        CAST(:location AS text), :digest, CAST(:digestTime AS text),
                        CAST(:nextDigestAt AS timestamptz), :enabled)
                RETURNING""" + " " + COLUMNS), s)
                .rows().map(rows -> rows.get(0))
                .map(this::subscription);
    }

    /** Replaces everything but the id and, when secret is null, the secret. Null when there is no such subscription. */
    public Uni<Subscription> update(Subscription s) {
        return bind(NativeSql.of("""
                UPDATE subscription SET name = :name, channel = :channel, target = :target,
                       secret = coalesce(CAST(:secret AS text), secret), kinds = :kinds, sku = CAST(:sku AS text),
                       location = CAST(:location AS text), digest = :digest, digest_time = CAST(:digestTime AS text),
                       next_digest_at = CAST(:nextDigestAt AS timestamptz), enabled = :enabled
                WHERE id = :id RETURNING""" + " " + COLUMNS), s)
                .first(this::subscription);
    }

    public Uni<Boolean> delete(UUID id) {
        return NativeSql.of(
                "DELETE FROM subscription WHERE id = :id").set("id", id).update()
                .map(count -> count == 1);
    }

    public Uni<Subscription> find(UUID id) {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM subscription WHERE id = :id")
                .set("id", id)
                .first(this::subscription);
    }

    public Uni<List<Subscription>> all() {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM subscription ORDER BY created_at, id")
                .list(this::subscription);
    }

    /** Enabled subscriptions that hear about each alert as it happens (not by digest). */
    public Uni<List<Subscription>> immediate() {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM subscription WHERE enabled AND NOT digest")
                .list(this::subscription);
    }

    /** Enabled digest subscriptions whose digest is due. */
    public Uni<List<UUID>> digestsDue(OffsetDateTime now) {
        return NativeSql.of(
                "SELECT id FROM subscription WHERE enabled AND digest AND next_digest_at <= :now")
                .set("now", now).column()
                .map(rows -> rows.stream().map(Rows::uuid).toList());
    }

    /**
     * Takes the digest of one subscription for the window (lastDigestAt, upTo]: moves last_digest_at to upTo
     * and next_digest_at on, if nobody else did first. The window start, or null when another instance took it.
     */
    public Uni<OffsetDateTime> claimDigest(UUID id, OffsetDateTime upTo, OffsetDateTime next) {
        return NativeSql.of("""
                UPDATE subscription s SET last_digest_at = :upTo, next_digest_at = :next
                FROM (SELECT id, coalesce(last_digest_at, created_at) AS since FROM subscription WHERE id = :id FOR UPDATE) old
                WHERE s.id = old.id AND old.since < :upTo
                RETURNING old.since""")
                .set("id", id).set("upTo", upTo).set("next", next)
                .first(row -> Rows.time(row[0]));
    }

    /** Every column of the subscription, its target and secret sealed. */
    private NativeSql bind(NativeSql statement, Subscription s) {
        return statement
                .set("id", s.id()).set("name", s.name()).set("channel", s.channel().name())
                .set("target", box.seal(s.target(), targetContext(s.id())))
                .set("secret", box.seal(s.secret(), secretContext(s.id())))
                .set("kinds", kinds(s.filter().kinds())).set("sku", s.filter().sku())
                .set("location", s.filter().location()).set("digest", s.digest())
                .set("digestTime", s.digestTime() == null ? null : s.digestTime().toString())
                .set("nextDigestAt", s.nextDigestAt())
                .set("enabled", s.enabled());
    }

    private static String kinds(Set<AlertKind> kinds) {
        return kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** Every stored target and secret, locked until the transaction ends. */
    public Uni<List<Stored>> lockStored() {
        return NativeSql.of(
                "SELECT id, target, secret FROM subscription ORDER BY id FOR UPDATE")
                .list(row -> new Stored(Rows.uuid(row[0]), (String) row[1], (String) row[2]));
    }

    /** Seals a subscription's target and secret with the current key. */
    public Uni<Void> reseal(Stored stored) {
        return NativeSql.of(
                "UPDATE subscription SET target = :target, secret = CAST(:secret AS text) WHERE id = :id")
                .set("id", stored.id())
                .set("target", box.seal(box.open(stored.target(), targetContext(stored.id())), targetContext(stored.id())))
                .set("secret", box.seal(box.open(stored.secret(), secretContext(stored.id())), secretContext(stored.id())))
                .update()
                .replaceWithVoid();
    }

    Subscription subscription(Object[] row) {
        String kindList = (String) row[5];
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        if (kindList != null && !kindList.isBlank()) {
            Arrays.stream(kindList.split(",")).map(AlertKind::valueOf).forEach(kinds::add);
        }
        String digestTime = (String) row[9];
        UUID id = Rows.uuid(row[0]);
        return new Subscription(id, (String) row[1], Subscription.Channel.valueOf((String) row[2]),
                box.open((String) row[3], targetContext(id)), box.open((String) row[4], secretContext(id)),
                new SubscriptionFilter(kinds, Rows.text(row[6]), Rows.text(row[7])),
                Boolean.TRUE.equals(row[8]), digestTime == null ? null : LocalTime.parse(digestTime),
                Rows.time(row[10]), Rows.time(row[11]), Boolean.TRUE.equals(row[12]), Rows.time(row[13]));
    }
}
