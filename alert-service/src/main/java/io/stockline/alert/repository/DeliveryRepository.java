package io.stockline.alert.repository;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Delivery;
import io.stockline.alert.domain.Subscription;
import io.stockline.platform.secrets.SecretBox;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class DeliveryRepository {

    private final SecretBox box;

    public DeliveryRepository(SecretBox box) {
        this.box = box;
    }

    /** A delivery claimed for one attempt, with where it goes. The secret stays in this process. */
    public record Claimed(Delivery delivery, String target, String secret) {
    }

    public record Filter(Delivery.Status status, UUID subscriptionId, UUID alertId, int limit) {
    }

    private static final String COLUMNS = """
            d.id, d.subscription_id, d.alert_id, d.event_type, d.channel, d.subject, d.body, d.status, d.attempts,
            d.last_error, d.next_attempt_at, d.delivered_at, d.created_at""";

    public Uni<Void> insert(UUID id, UUID subscriptionId, UUID alertId, String eventType, Subscription.Channel channel,
            String subject, String body) {
        return NativeSql.of("""
                INSERT INTO delivery (id, subscription_id, alert_id, event_type, channel, subject, body)
                VALUES (:id, :subscriptionId, CAST(:alertId AS uuid), :eventType, :channel, :subject, :body)
                ON CONFLICT (id) DO NOTHING""")
                .set("id", id).set("subscriptionId", subscriptionId)
                .set("alertId", alertId)
                .set("eventType", eventType).set("channel", channel.name())
                .set("subject", subject).set("body", body)
                .update()
                .replaceWithVoid();
    }

    /**
     * Claims up to limit due deliveries for one attempt each: counts the attempt and moves the next one lease
     * ahead, so a crash mid-send retries after the lease and two instances never send the same one at once.
     */
    public Uni<List<Claimed>> claimDue(int limit, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return NativeSql.of("""
                WITH due AS (
                    SELECT id FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= :now
                    ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                UPDATE delivery d SET attempts = d.attempts + 1, next_attempt_at = :leaseUntil
                FROM due, subscription s WHERE d.id = due.id AND s.id = d.subscription_id
                RETURNING""" + " " + COLUMNS + ", s.target, s.secret")
                .set("now", now).set("limit", limit).set("leaseUntil", leaseUntil)
                .list(row -> {
                    Delivery delivery = delivery(row);
                    UUID subscription = delivery.subscriptionId();
                    return new Claimed(delivery, box.open((String) row[13], SubscriptionRepository.targetContext(subscription)),
                            box.open((String) row[14], SubscriptionRepository.secretContext(subscription)));
                });
    }

    public Uni<Void> delivered(UUID id, int attempt) {
        return NativeSql.of("""
                UPDATE delivery SET status = 'DELIVERED', delivered_at = now()
                WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""")
                .set("id", id).set("attempt", attempt).update()
                .replaceWithVoid();
    }

    /** Records a failed attempt: retried at nextAttemptAt, or FAILED for good when that is null. */
    public Uni<Void> failed(UUID id, int attempt, String error, OffsetDateTime nextAttemptAt) {
        return NativeSql.of("""
                UPDATE delivery SET last_error = :error,
                       status = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                       next_attempt_at = coalesce(CAST(:next AS timestamptz), next_attempt_at)
                WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""")
                .set("id", id).set("attempt", attempt).set("error", error)
                .set("next", nextAttemptAt)
                .update()
                .replaceWithVoid();
    }

    /** Sends a failed delivery again, now; null when there is no such delivery. */
    public Uni<Delivery> retry(UUID id) {
        return NativeSql.of("""
                UPDATE delivery d SET status = 'PENDING', next_attempt_at = now()
                WHERE d.id = :id AND d.status <> 'DELIVERED' RETURNING""" + " " + COLUMNS)
                .set("id", id).rows()
                .chain(rows -> rows.isEmpty() ? find(id) : Uni.createFrom().item(delivery(rows.get(0))));
    }

    public Uni<Delivery> find(UUID id) {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM delivery d WHERE d.id = :id")
                .set("id", id)
                .first(DeliveryRepository::delivery);
    }

    public Uni<List<Delivery>> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM delivery d WHERE true");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.status() != null) {
            sql.append(" AND d.status = :status");
            parameters.put("status", filter.status().name());
        }
        if (filter.subscriptionId() != null) {
            sql.append(" AND d.subscription_id = :subscriptionId");
            parameters.put("subscriptionId", filter.subscriptionId());
        }
        if (filter.alertId() != null) {
            sql.append(" AND d.alert_id = :alertId");
            parameters.put("alertId", filter.alertId());
        }
        sql.append(" ORDER BY d.created_at DESC, d.id LIMIT :limit");
        parameters.put("limit", filter.limit());
        NativeSql query = NativeSql.of(sql.toString());
        parameters.forEach(query::set);
        return query.list(DeliveryRepository::delivery);
    }

    static Delivery delivery(Object[] row) {
        return new Delivery(Rows.uuid(row[0]), Rows.uuid(row[1]), Rows.uuid(row[2]), (String) row[3],
                Subscription.Channel.valueOf((String) row[4]), (String) row[5], (String) row[6],
                Delivery.Status.valueOf((String) row[7]), ((Number) row[8]).intValue(), (String) row[9],
                Rows.time(row[10]), Rows.time(row[11]), Rows.time(row[12]));
    }
}
