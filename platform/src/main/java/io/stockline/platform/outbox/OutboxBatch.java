package io.stockline.platform.outbox;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;

/**
 * Writes many events to the {@code outbox} table in one statement, in the caller's transaction, in list order (the
 * relay publishes by id). For bulk work such as imports, where {@link Outbox#addAll} would cost a round trip per event,
 * and for requests decided together in one transaction ({@link #addEach}: each event keeps its own request's trace).
 */
@ApplicationScoped
public class OutboxBatch {

    /** An event and the trace of the request or record it tells of, captured where that work began. */
    public record Traced(OutboxEvent event, OutboxTrace trace) {
    }

    // WITH ORDINALITY keeps the ids in list order, so events of one key stay in the order they were given.
    private static final String INSERT = """
            INSERT INTO outbox (event_id, event_type, topic, message_key, payload, traceparent, tracestate)
            SELECT CAST(e.id AS uuid), e.type, e.topic, e.key, e.payload, e.traceparent, e.tracestate
            FROM unnest(CAST(:ids AS text[]), CAST(:types AS text[]), CAST(:topics AS text[]),
                        CAST(:keys AS text[]), CAST(:payloads AS text[]), CAST(:traceparents AS text[]),
                        CAST(:tracestates AS text[])) WITH ORDINALITY
                 AS e(id, type, topic, key, payload, traceparent, tracestate, n)
            ORDER BY e.n""";

    /** The events, all with the trace of the transaction writing them (an import request). */
    public Uni<Void> addAll(List<OutboxEvent> events) {
        OutboxTrace trace = OutboxTrace.current();
        return addEach(events.stream().map(event -> new Traced(event, trace)).toList());
    }

    /**
     * The events of several requests decided in one transaction (a group of orders), each row with the trace of its
     * own request rather than the group's.
     */
    public Uni<Void> addEach(List<Traced> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NativeSql insert = NativeSql.of(INSERT);
        columns(events).forEach(insert::set);
        return insert.update().replaceWithVoid();
    }

    /** The statement's parameters: one array per column, in list order. */
    private static Map<String, Object> columns(List<Traced> events) {
        int size = events.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] payloads = new String[size];
        String[] traceparents = new String[size];
        String[] tracestates = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxEvent event = events.get(i).event();
            OutboxTrace trace = events.get(i).trace() == null ? OutboxTrace.NONE : events.get(i).trace();
            ids[i] = event.eventId().toString();
            types[i] = event.type();
            topics[i] = event.topic();
            keys[i] = event.key();
            payloads[i] = event.payload();
            traceparents[i] = trace.traceparent();
            tracestates[i] = trace.tracestate();
        }
        return Map.of("ids", ids, "types", types, "topics", topics, "keys", keys, "payloads", payloads,
                "traceparents", traceparents, "tracestates", tracestates);
    }
}
