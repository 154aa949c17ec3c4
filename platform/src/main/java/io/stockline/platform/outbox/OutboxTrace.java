package io.stockline.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * The W3C trace context an outbox row carries across its asynchronous hop: captured from the transaction that
 * writes the event (the request or the consumer that caused it), put back on the Kafka record the relay sends as
 * the {@code traceparent} and {@code tracestate} headers (the names of CloudEvents' distributed-tracing extension),
 * so a consumer continues the writer's trace. A row written outside any trace carries none, and its record no header.
 */
public record OutboxTrace(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final OutboxTrace NONE = new OutboxTrace(null, null);

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = Map::put;
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    public OutboxTrace {
        traceparent = blankToNull(traceparent);
        tracestate = traceparent == null ? null : blankToNull(tracestate);
    }

    /** The context current on the caller's thread or Vert.x context (NONE when there is no valid span). */
    public static OutboxTrace current() {
        return of(Context.current());
    }

    /** {@code context} in W3C form; NONE when it holds no valid span context. */
    public static OutboxTrace of(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, MAP_SETTER);
        return new OutboxTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The trace context of a record's headers (the last of each name wins); NONE without a traceparent. */
    public static OutboxTrace fromHeaders(Headers headers) {
        return headers == null ? NONE : new OutboxTrace(last(headers, TRACEPARENT), last(headers, TRACESTATE));
    }

    public boolean present() {
        return traceparent != null;
    }

    /** The Kafka record headers that carry it: none, or traceparent (and tracestate when there is one). */
    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            if (tracestate != null) {
                headers.add(TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /**
     * The OpenTelemetry context it names, to parent a span on; {@code Context.root()} when it names none or the
     * traceparent is malformed (the propagator ignores what it cannot read).
     */
    public Context context() {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP_GETTER);
    }

    /** The 32 hex digits of the trace id, or null. */
    public String traceId() {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 4 ? parts[1] : null;
    }

    private static String last(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
