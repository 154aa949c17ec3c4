package io.stockline.channel.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.repository.SyncStateRepository.Due;
import io.stockline.platform.outbox.OutboxTrace;
import io.vertx.mutiny.core.Vertx;

/**
 * Makes a worker's marketplace call inside a span of the trace of the stock changes it carries, so the HTTP request
 * (the Vert.x client's span) carries a {@code traceparent} of that trace. Changes coalesce: one call may carry many
 * SKUs, each with the trace of the change that last set its wanted quantity. The span's parent is the trace of the
 * first pair that has one (pairs come zero-outs first, then oldest pending); every other trace of the call is a span
 * link. A call carrying no traced change starts a trace of its own.
 */
@ApplicationScoped
public class PushTrace {

    private final Tracer tracer;
    private final Vertx vertx;

    public PushTrace(Tracer tracer, Vertx vertx) {
        this.tracer = tracer;
        this.vertx = vertx;
    }

    /** Runs {@code call} in the push span of {@code due}; its outcome is handed back on the caller's Vert.x context. */
    public <T> Uni<T> around(ChannelSettings channel, List<Due> due, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Span span = start(channel, due);
            io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
            // A context of its own: the span is current there for every step of the call (timer waits of the token
            // bucket and retries included), and the context is dropped with it, so the worker's own context never
            // carries a stale span into its next step.
            io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(
                    caller != null ? caller : vertx.getDelegate().getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(own, true);
            return Uni.createFrom().<T> emitter(emitter -> own.runOnContext(ignored -> {
                Context.root().with(span).makeCurrent(); // left open on purpose: the context ends with the call
                Uni.createFrom().<T> deferred(call::get).subscribe().with(item -> {
                    span.end();
                    onContext(caller, () -> emitter.complete(item));
                }, failure -> {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? "" : failure.getMessage());
                    span.end();
                    onContext(caller, () -> emitter.fail(failure));
                });
            }));
        });
    }

    Span start(ChannelSettings channel, List<Due> due) {
        Set<SpanContext> causes = new LinkedHashSet<>();
        for (Due pair : due) {
            SpanContext cause = Span.fromContext(new OutboxTrace(pair.traceparent(), null).context()).getSpanContext();
            if (cause.isValid()) {
                causes.add(cause);
            }
        }
        SpanBuilder builder = tracer.spanBuilder("push " + channel.type()).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("stockline.channel", channel.id())
                .setAttribute("stockline.channel.type", channel.type().name())
                .setAttribute("stockline.listings", (long) due.size());
        boolean parented = false;
        for (SpanContext cause : causes) {
            if (!parented) {
                builder.setParent(Context.root().with(Span.wrap(cause)));
                parented = true;
            } else {
                builder.addLink(cause);
            }
        }
        if (!parented) {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    private static void onContext(io.vertx.core.Context context, Runnable task) {
        if (context == null) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }
}
