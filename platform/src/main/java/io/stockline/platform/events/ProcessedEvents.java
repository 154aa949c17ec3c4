package io.stockline.platform.events;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.Rows;

/**
 * The processed-event log: ids of the events a consumer applied, written in the transaction of their change (the
 * Panache session of a {@code @WithTransaction} method), so a redelivered event is recognised and changes nothing.
 * The {@code processed_event} table is each service's own (see platform/README.md).
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Records the id; false when it was recorded before (the event was applied already). */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId)
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Records the ids in one statement; returns those that were new. */
    public Uni<Set<UUID>> markProcessed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO processed_event (event_id) SELECT unnest(CAST(:ids AS uuid[]))
                ON CONFLICT DO NOTHING RETURNING event_id""", Object.class)
                .setParameter("ids", eventIds.toArray(UUID[]::new))
                .getResultList())
                .map(ProcessedEvents::uuids);
    }

    public Uni<Boolean> isProcessed(UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_id = :id", Long.class)
                .setParameter("id", eventId)
                .getSingleResult())
                .map(count -> ((Number) count).longValue() > 0);
    }

    private static Set<UUID> uuids(List<Object> rows) {
        Set<UUID> ids = new HashSet<>();
        for (Object row : rows) {
            ids.add(Rows.uuid(row));
        }
        return ids;
    }
}
