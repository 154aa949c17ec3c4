package io.stockline.channel.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.connector.CallKind;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.RateSignal;
import io.stockline.channel.domain.ChannelType;

/**
 * The traffic state of each channel the dispatcher has called: its token buckets, circuit breaker, pause and
 * counters. Only the dispatcher reads and moves it; what the marketplaces say about their limits reaches it as
 * the {@link RateSignal}s their connectors hand back ({@link Lane#observe}). A bucket the marketplace keeps beyond
 * one channel (Amazon: per seller and operation) is held once here by its key and shared by the lanes that name it,
 * so two channels of one seller never send more together than the seller may.
 */
@ApplicationScoped
class ChannelTraffic {

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> sharedBuckets = new ConcurrentHashMap<>();

    Lane find(String channelId) {
        return lanes.get(channelId);
    }

    /** The bucket every lane naming {@code key} draws from, made by the first of them. */
    TokenBucket sharedBucket(String key, Supplier<TokenBucket> make) {
        return sharedBuckets.computeIfAbsent(key, ignored -> make.get());
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
        /** The bucket pushes draw from (shown in {@link #health}); reads and lookups may draw from others. */
        final TokenBucket bucket;
        private final Map<CallKind, TokenBucket> buckets;
        final AtomicReference<CircuitBreakerState> circuit;
        final AtomicLong rateLimitResponses = new AtomicLong();
        final Runnable countRateLimited;
        final TypedGuard<Uni<Object>> guard;
        volatile Instant throttledUntil;
        volatile String lastError;
        volatile Instant lastErrorAt;

        /** A lane whose calls all draw from one bucket of its own. */
        Lane(ChannelAccess channel, TokenBucket bucket, TypedGuard<Uni<Object>> guard,
                AtomicReference<CircuitBreakerState> circuit, Runnable countRateLimited) {
            this(channel, Map.of(CallKind.PUSH, bucket, CallKind.READ, bucket, CallKind.LOOKUP, bucket), guard, circuit,
                    countRateLimited);
        }

        Lane(ChannelAccess channel, Map<CallKind, TokenBucket> buckets, TypedGuard<Uni<Object>> guard,
                AtomicReference<CircuitBreakerState> circuit, Runnable countRateLimited) {
            this.channelId = channel.channelId();
            this.type = channel.type();
            this.options = channel.options();
            this.buckets = Map.copyOf(buckets);
            this.bucket = buckets.get(CallKind.PUSH);
            this.guard = guard;
            this.circuit = circuit;
            this.countRateLimited = countRateLimited;
        }

        /** The bucket a call of {@code kind} draws from. */
        TokenBucket bucket(CallKind kind) {
            return buckets.get(kind);
        }

        /**
         * What the marketplace said about its limits, in answer to a call that drew from {@code bucket}: its bucket
         * (Shopify throttleStatus) replaces ours, else its rate (x-amzn-RateLimit-Limit) replaces the documented one;
         * an empty bucket with a reset time pauses the channel until then. A retry-after is the throttled path's
         * business ({@link #throttled}).
         */
        void observe(RateSignal signal) {
            observe(bucket, signal);
        }

        void observe(TokenBucket bucket, RateSignal signal) {
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

        void throttled(TokenBucket bucket, Duration pause) {
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
