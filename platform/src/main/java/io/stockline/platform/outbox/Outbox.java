package io.stockline.platform.outbox;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events to the {@code outbox} table in the caller's transaction (the Panache session of a
 * {@code @WithTransaction} method), so an event exists exactly when the change it tells of was committed.
 * {@link OutboxRelay} publishes them. The table is each service's own (see platform/README.md for its shape).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> add(OutboxEvent event) {
        // The trace of the transaction writing the event (a request, a consumer): the relay hands it on to Kafka.
        return Uni.createFrom().deferred(() -> {
            OutboxTrace trace = OutboxTrace.current();
            return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                    INSERT INTO outbox (event_id, event_type, topic, message_key, payload, traceparent, tracestate)
                    VALUES (:eventId, :eventType, :topic, :messageKey, :payload, CAST(:traceparent AS text),
                            CAST(:tracestate AS text))""")
                    .setParameter("eventId", event.eventId()).setParameter("eventType", event.type())
                    .setParameter("topic", event.topic()).setParameter("messageKey", event.key())
                    .setParameter("payload", event.payload())
                    .setParameter("traceparent", trace.traceparent()).setParameter("tracestate", trace.tracestate())
                    .executeUpdate());
        })
                .replaceWithVoid();
    }

    /** Adds several events in order. */
    public Uni<Void> addAll(List<OutboxEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutboxEvent event : events) {
            chain = chain.chain(() -> add(event));
        }
        return chain;
    }

    /** The event with {@code data} written as JSON. */
    public OutboxEvent event(UUID eventId, String type, String topic, String key, Object data) {
        try {
            return new OutboxEvent(eventId, type, topic, key, json.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " as JSON", e);
        }
    }
}
