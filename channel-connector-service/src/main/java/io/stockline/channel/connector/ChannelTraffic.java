package io.stockline.channel.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The traffic state of each channel the dispatcher has called: its token bucket, circuit breaker, pause and
 * counters. Connectors feed it what the marketplace said about its limits ({@link #serverRate},
 * {@link #serverBucket}); the dispatcher reads and updates the rest.
 */
@ApplicationScoped
public class ChannelTraffic {

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** The marketplace reported how many requests per second it allows this channel (x-amzn-RateLimit-Limit). */
    public void serverRate(String channelId, double perSecond) {
        Lane lane = lanes.get(channelId);
        if (lane != null) {
            lane.bucket.serverRate(perSecond);
        }
    }

    /** The marketplace reported its cost bucket for this channel (Shopify extensions.cost.throttleStatus). */
    public void serverBucket(String channelId, double available, double maximum, double restorePerSecond) {
        Lane lane = lanes.get(channelId);
        if (lane != null) {
            lane.bucket.serverBucket(available, maximum, restorePerSecond);
        }
    }

    Lane find(String channelId) {
        return lanes.get(channelId);
    }

    /** The channel's lane, made anew when the channel's type or options changed since it was made. */
    Lane lane(ChannelAccess channel, java.util.function.Function<ChannelAccess, Lane> make) {
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
                    rateLimitResponses.get(), lastError, lastErrorAt);
        }
    }
}
