package io.stockline.platform.outbox;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;

/**
 * Writes events to the {@code outbox} table in the caller's transaction (a {@code @WithTransaction} method's), so an
 * event exists exactly when the change it tells of was committed. {@link OutboxRelay} publishes them. The table is
 * each service's own (see platform/README.md for its shape).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /**
     * On the Vert.x client ({@link NativeSql}), like {@code ProcessedEvents}: it changes no managed entity, and several
     * adds, or an add and other native statements, may be started together on the transaction's connection.
     */
    public Uni<Void> add(OutboxEvent event) {
        // The trace of the transaction writing the event (a request, a consumer): the relay hands it on to Kafka.
        return Uni.createFrom().deferred(() -> {
            OutboxTrace trace = OutboxTrace.current();
            return NativeSql.of("""
                    INSERT INTO outbox (event_id, event_type, topic, message_key, payload, traceparent, tracestate)
                    VALUES (:eventId, :eventType, :topic, :messageKey, :payload, :traceparent, :tracestate)""")
                    .set("eventId", event.eventId()).set("eventType", event.type())
                    .set("topic", event.topic()).set("messageKey", event.key())
                    .set("payload", event.payload())
                    .set("traceparent", trace.traceparent()).set("tracestate", trace.tracestate())
                    .update();
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
