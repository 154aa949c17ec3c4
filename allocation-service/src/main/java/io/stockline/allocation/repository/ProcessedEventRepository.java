package io.stockline.allocation.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Ids of the events already applied, written in the transaction of their change. */
@ApplicationScoped
public class ProcessedEventRepository {

    /** Records the event id exactly once; false when it was seen before. */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId)
                .executeUpdate())
                .map(count -> count == 1);
    }

    public Uni<Boolean> isProcessed(UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_id = :id", Long.class)
                .setParameter("id", eventId)
                .getSingleResult())
                .map(count -> ((Number) count).longValue() > 0);
    }
}
