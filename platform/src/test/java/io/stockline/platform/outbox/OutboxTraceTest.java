package io.stockline.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class OutboxTraceTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    @Test
    void aRowWithTraceContextBecomesTheTraceparentAndTracestateHeaders() {
        Headers headers = new OutboxTrace(TRACEPARENT, "stockline=1").headers();

        assertThat(text(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(text(headers, "tracestate")).isEqualTo("stockline=1");
        assertThat(headers.toArray()).hasSize(2);
    }

    @Test
    void aRowWithoutTraceContextBecomesNoHeader() {
        assertThat(new OutboxTrace(null, null).headers().toArray()).isEmpty();
        assertThat(new OutboxTrace(" ", "orphan=1").headers().toArray()).as("a tracestate alone means nothing").isEmpty();
        assertThat(new OutboxTrace(TRACEPARENT, null).headers().toArray()).hasSize(1);
    }

    @Test
    void theCurrentSpanIsCapturedAsItsW3cForm() {
        SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "x").build());
        try (Scope ignored = Context.root().with(Span.wrap(span)).makeCurrent()) {
            OutboxTrace trace = OutboxTrace.current();
            assertThat(trace.traceparent()).isEqualTo(TRACEPARENT);
            assertThat(trace.tracestate()).isEqualTo("vendor=x");
            assertThat(trace.traceId()).isEqualTo(TRACE_ID);
        }
        assertThat(OutboxTrace.current().present()).as("no span, nothing to keep").isFalse();
    }

    @Test
    void headersAreReadBackIntoTheContextTheyName() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-00000000000000000000000000000001-0000000000000001-01".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));

        OutboxTrace trace = OutboxTrace.fromHeaders(headers);

        assertThat(trace.traceparent()).as("the last header of the name wins").isEqualTo(TRACEPARENT);
        SpanContext parent = Span.fromContext(trace.context()).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(parent.isRemote()).isTrue();
        assertThat(Span.fromContext(new OutboxTrace("not-a-traceparent", null).context()).getSpanContext().isValid())
                .as("a malformed traceparent names no parent").isFalse();
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
