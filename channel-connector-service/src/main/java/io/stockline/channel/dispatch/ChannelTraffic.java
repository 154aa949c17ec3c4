package io.stockline.channel.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.RateSignal;
import io.stockline.channel.domain.ChannelType;

/**
 * The traffic state of each channel the dispatcher has called: its token bucket, circuit breaker, pause and
 * counters. Only the dispatcher reads and moves it; what the marketplaces say about their limits reaches it as
 * the {@link RateSignal}s their connectors hand back ({@link Lane#observe}).
 */
@ApplicationScoped
class ChannelTraffic {

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    Lane find(String channelId) {
        return lanes.get(channelId);
    }

    /** The channel's lane, made anew when the channel's type or options changed since it was made. */
    Lane lane(ChannelAccess channel, Function<ChannelAccess, Lane> make) {
        return lanes.compute(channel.channelId(), (id, existing) -> {
            if (existing != null && existing.type == channel.type() && existing.options.equals(channel.options())) {
                return existing;
            }
            Lane made = make.apply(channel);
            if (existing != null) {
                made.rateLimitResponses.addAndGet(existing.rateLimitResponses.get());
            }
            return made;
        });
    }

    /** One channel's traffic state. */
    static final class Lane {
        final String channelId;
        final ChannelType type;
        final Map<String, String> options;
        final TokenBucket bucket;
        final AtomicReference<CircuitBreakerState> circuit;
        final AtomicLong rateLimitResponses = new AtomicLong();
        final Runnable countRateLimited;
        final TypedGuard<Uni<Object>> guard;
        volatile Instant throttledUntil;
        volatile String lastError;
        volatile Instant lastErrorAt;

        Lane(ChannelAccess channel, TokenBucket bucket, TypedGuard<Uni<Object>> guard,
                AtomicReference<CircuitBreakerState> circuit, Runnable countRateLimited) {
            this.channelId = channel.channelId();
            this.type = channel.type();
            this.options = channel.options();
            this.bucket = bucket;
            this.guard = guard;
            this.circuit = circuit;
            this.countRateLimited = countRateLimited;
        }

        /**
         * What the marketplace said about its limits: its bucket (Shopify throttleStatus) replaces ours, else its
         * rate (x-amzn-RateLimit-Limit) replaces the documented one; an empty bucket with a reset time pauses the
         * channel until then. A retry-after is the throttled path's business ({@link #throttled}).
         */
        void observe(RateSignal signal) {
            if (signal == null || signal.isEmpty()) {
                return;
            }
            if (signal.remaining() != null || signal.maximum() != null) {
                bucket.serverBucket(signal.remaining() == null ? Double.MAX_VALUE : signal.remaining(),
                        signal.maximum() == null ? 0 : signal.maximum(),
                        signal.perSecond() == null ? 0 : signal.perSecond());
            } else if (signal.perSecond() != null) {
                bucket.serverRate(signal.perSecond());
            }
            if (signal.reset() != null && signal.remaining() != null && signal.remaining() <= 0) {
                bucket.pause(signal.reset());
            }
        }

        void throttled(Duration pause) {
            rateLimitResponses.incrementAndGet();
            countRateLimited.run();
            bucket.pause(pause);
            throttledUntil = Instant.now().plus(pause);
        }

        void failed(Throwable failure) {
            lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            lastErrorAt = Instant.now();
        }

        ChannelHealth health() {
            Instant until = throttledUntil;
            return new ChannelHealth(channelId, circuit.get().name(),
                    until != null && until.isAfter(Instant.now()) ? until : null,
                    rateLimitResponses.get(), bucket.refillPerSecond(), lastError, lastErrorAt);
        }
    }
}
