package io.stockline.alert.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Alert events waiting for the broker, written in the transaction of the alert's change. */
@ApplicationScoped
public class OutboxRepository {

    private static final long RELAY_LOCK = 0x416c_6572_744fL; // any constant shared by all instances

    public record Entry(long id, UUID eventId, String eventType, String key, String payload, OffsetDateTime createdAt) {
    }

    public Uni<Void> add(UUID eventId, String eventType, String key, String payload) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO outbox (event_id, event_type, message_key, payload) VALUES (:eventId, :type, :key, :payload)""")
                .setParameter("eventId", eventId).setParameter("type", eventType).setParameter("key", key)
                .setParameter("payload", payload)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** One relay at a time across instances, for the current transaction: keeps events in order per key. */
    public Uni<Boolean> tryLockRelay() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT pg_try_advisory_xact_lock(CAST(:lock AS bigint))", Boolean.class)
                .setParameter("lock", RELAY_LOCK).getSingleResult());
    }

    public Uni<List<Entry>> oldest(int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT id, event_id, event_type, message_key, payload, created_at FROM outbox ORDER BY id LIMIT :limit""",
                Object[].class)
                .setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(row -> new Entry(((Number) row[0]).longValue(), Sql.uuid(row[1]),
                        (String) row[2], (String) row[3], (String) row[4], Sql.time(row[5]))).toList());
    }

    public Uni<Void> delete(List<Long> ids) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM outbox WHERE id IN (:ids)")
                .setParameter("ids", ids).executeUpdate())
                .replaceWithVoid();
    }
}
