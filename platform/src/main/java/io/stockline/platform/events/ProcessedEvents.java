package io.stockline.platform.events;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * The processed-event log: ids of the events a consumer applied, written in the transaction of their change (a
 * {@code @WithTransaction} method's), so a redelivered event is recognised and changes nothing.
 * The {@code processed_event} table is each service's own (see platform/README.md).
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Records the id; false when it was recorded before (the event was applied already). */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return NativeSql.of("INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .set("id", eventId).update()
                .map(count -> count == 1);
    }

    /** Records the ids in one statement; returns those that were new. */
    public Uni<Set<UUID>> markProcessed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of("""
                INSERT INTO processed_event (event_id) SELECT unnest(CAST(:ids AS uuid[]))
                ON CONFLICT DO NOTHING RETURNING event_id""")
                .set("ids", eventIds.toArray(UUID[]::new)).column()
                .map(ProcessedEvents::uuids);
    }

    /** Those of {@code eventIds} recorded before, in one statement. */
    public Uni<Set<UUID>> processedAmong(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of("SELECT event_id FROM processed_event WHERE event_id = ANY(:ids)")
                .set("ids", eventIds.toArray(UUID[]::new)).column()
                .map(ProcessedEvents::uuids);
    }

    public Uni<Boolean> isProcessed(UUID eventId) {
        return NativeSql.of("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .set("id", eventId).column()
                .map(count -> Rows.longValue(count.get(0)) > 0);
    }

    private static Set<UUID> uuids(List<Object> rows) {
        Set<UUID> ids = new HashSet<>();
        for (Object row : rows) {
            ids.add(Rows.uuid(row));
        }
        return ids;
    }
}
