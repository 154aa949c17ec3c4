package io.stockline.inventory.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Writes outbox rows in the caller's transaction; {@link io.stockline.inventory.messaging.OutboxRelay} publishes them. */
@ApplicationScoped
public class OutboxRepository {

    public Uni<Void> add(UUID eventId, String eventType, String topic, String messageKey, String payload) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO outbox (event_id, event_type, topic, message_key, payload)
                VALUES (:eventId, :eventType, :topic, :messageKey, :payload)""")
                .setParameter("eventId", eventId).setParameter("eventType", eventType).setParameter("topic", topic)
                .setParameter("messageKey", messageKey).setParameter("payload", payload)
                .executeUpdate())
                .replaceWithVoid();
    }
}
