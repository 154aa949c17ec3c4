package io.stockline.platform.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes many events to the {@code outbox} table in one statement, in the caller's transaction, in list order (the
 * relay publishes by id). For bulk work such as imports, where {@link Outbox#addAll} would cost a round trip per event.
 */
@ApplicationScoped
public class OutboxBatch {

    public Uni<Void> addAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = events.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxEvent event = events.get(i);
            ids[i] = event.eventId().toString();
            types[i] = event.type();
            topics[i] = event.topic();
            keys[i] = event.key();
            payloads[i] = event.payload();
        }
        // One trace for the batch: the transaction (an import request) that writes them all.
        OutboxTrace trace = OutboxTrace.current();
        // WITH ORDINALITY keeps the ids in list order, so events of one key stay in the order they were given.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO outbox (event_id, event_type, topic, message_key, payload, traceparent, tracestate)
                SELECT CAST(e.id AS uuid), e.type, e.topic, e.key, e.payload, CAST(:traceparent AS text),
                       CAST(:tracestate AS text)
                FROM unnest(CAST(:ids AS text[]), CAST(:types AS text[]), CAST(:topics AS text[]),
                            CAST(:keys AS text[]), CAST(:payloads AS text[])) WITH ORDINALITY
                     AS e(id, type, topic, key, payload, n)
                ORDER BY e.n""")
                .setParameter("ids", ids).setParameter("types", types).setParameter("topics", topics)
                .setParameter("keys", keys).setParameter("payloads", payloads)
                .setParameter("traceparent", trace.traceparent()).setParameter("tracestate", trace.tracestate())
                .executeUpdate())
                .replaceWithVoid();
    }
}
