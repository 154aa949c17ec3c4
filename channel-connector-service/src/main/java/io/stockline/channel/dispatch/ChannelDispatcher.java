package io.stockline.channel.dispatch;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.connector.CallKind;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.HeldListing;
import io.stockline.channel.connector.ListingOutcome;
import io.stockline.channel.connector.ListingUpdate;
import io.stockline.channel.connector.MarketplaceConnector;
import io.stockline.channel.connector.MarketplaceException;
import io.stockline.channel.connector.RateBucket;
import io.stockline.channel.connector.Reply;
import io.stockline.channel.connector.SkuLookup;
import io.stockline.channel.dispatch.ChannelTraffic.Lane;
import io.stockline.channel.domain.ChannelType;
import io.vertx.mutiny.core.Vertx;

/**
 * The one way the sync pipeline reaches a marketplace: splits updates into calls the API allows, in the order
 * given, and sends each through the channel's connector. Before each call it waits (on a timer, never blocking)
 * for a permit from the channel's token bucket (or from the bucket the connector names for that kind of call, shared
 * with every channel naming it: Amazon limits a seller per operation, not a channel), which the rate signals of the connectors' replies keep true to
 * the marketplace; when the marketplace says to slow down it pauses the channel for as long as it was told and
 * tries again; on transient failures it retries with exponential backoff and jitter
 * up to a bound; a circuit breaker per channel fails fast with {@link MarketplaceException.CircuitOpen} once a
 * marketplace keeps failing. Fails with a {@link MarketplaceException} when it gives up on a call. Answers on the
 * caller's Vert.x context, so a caller inside a reactive transaction can go on with it.
 */
@ApplicationScoped
public class ChannelDispatcher {

    public static final String RATE_LIMITED_METRIC = "stockline.channel.rate.limited";

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final Map<ChannelType, MarketplaceConnector> connectors = new EnumMap<>(ChannelType.class);
    private final ChannelTraffic traffic;
    private final CallCounts callCounts;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final DispatchConfig config;

    public ChannelDispatcher(@Any Instance<MarketplaceConnector> all, ChannelTraffic traffic, CallCounts callCounts,
            Vertx vertx, MeterRegistry meters, DispatchConfig config) {
        all.forEach(connector -> connectors.put(connector.type(), connector));
        this.traffic = traffic;
        this.callCounts = callCounts;
        this.vertx = vertx;
        this.meters = meters;
        this.config = config;
    }

    public int maxBatchSize(ChannelType type) {
        return connector(type).maxBatchSize();
    }

    public java.util.Optional<io.stockline.channel.connector.RevisionCap> revisionCap(ChannelType type) {
        return connector(type).revisionCap();
    }

    public boolean canReadBack(ChannelType type) {
        return connector(type).canReadBack();
    }

    /** The most listings one read call takes. */
    public int maxReadBatchSize(ChannelType type) {
        return connector(type).maxReadBatchSize();
    }

    /** Pushes the updates in order, in as many calls as the API needs. */
    public Uni<List<ListingOutcome>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        MarketplaceConnector connector = connector(channel.type());
        if (updates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<ListingUpdate>> batches = partition(updates, connector.maxBatchSize());
        return onCallersContext(Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> call(channel, connector, CallKind.PUSH,
                        connector.callCost(channel, batch), () -> connector.push(channel, batch)))
                .collect().in(ArrayList<ListingOutcome>::new, List::addAll)
                .map(List::copyOf));
    }

    /** The quantities the marketplace holds now, by listing id, read in as many calls as the API needs. */
    public Uni<Map<String, Long>> read(ChannelAccess channel, List<String> listingIds) {
        return readAll(channel, listingIds, MarketplaceConnector::read);
    }

    /**
     * What the marketplace holds now of each listing and the errors it reports against it, read like {@link #read}
     * (the same bucket, batches, retries and circuit): to confirm updates it only queued.
     */
    public Uni<Map<String, HeldListing>> readWithIssues(ChannelAccess channel, List<String> listingIds) {
        return readAll(channel, listingIds, MarketplaceConnector::readWithIssues);
    }

    /** A connector's read of one batch of listings. */
    @FunctionalInterface
    private interface BatchRead<V> {
        Uni<Reply<Map<String, V>>> read(MarketplaceConnector connector, ChannelAccess channel, List<String> listingIds);
    }

    private <V> Uni<Map<String, V>> readAll(ChannelAccess channel, List<String> listingIds, BatchRead<V> read) {
        MarketplaceConnector connector = connector(channel.type());
        if (listingIds.isEmpty() || !connector.canReadBack()) {
            return Uni.createFrom().item(Map.of());
        }
        List<List<String>> batches = partition(listingIds, connector.maxReadBatchSize());
        return onCallersContext(Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> this.<Map<String, V>>call(channel, connector, CallKind.READ,
                        connector.readCost(batch.size()), () -> read.read(connector, channel, batch)))
                .collect().in(HashMap<String, V>::new, Map::putAll)
                // a listing may map to null (read back but its figures disagree), which Map.copyOf would refuse
                .map(java.util.Collections::unmodifiableMap));
    }

    public boolean canLookUp(ChannelType type) {
        return connector(type).canLookUp();
    }

    /**
     * The listing carrying each SKU, asked in as many calls as the API needs, each paced, retried and guarded like a
     * push: every SKU asked comes back FOUND, MISSING or AMBIGUOUS.
     */
    public Uni<Map<String, SkuLookup>> lookup(ChannelAccess channel, List<String> skus) {
        MarketplaceConnector connector = connector(channel.type());
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        if (!connector.canLookUp()) {
            return Uni.createFrom().failure(new MarketplaceException.PermanentFailure(
                    channel.type() + " listings cannot be looked up by SKU"));
        }
        List<List<String>> batches = partition(skus, connector.maxLookupBatchSize());
        return onCallersContext(Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> call(channel, connector, CallKind.LOOKUP,
                        connector.lookupCost(batch.size()), () -> connector.lookup(channel, batch)))
                .collect().in(HashMap<String, SkuLookup>::new, Map::putAll)
                .map(Map::copyOf));
    }

    /** The channel's circuit, rate-limit answers and last failure; all quiet for a channel never called. */
    public ChannelHealth health(String channelId) {
        Lane lane = traffic.find(channelId);
        return lane == null ? ChannelHealth.unknown(channelId) : lane.health();
    }

    private <T> Uni<T> call(ChannelAccess channel, MarketplaceConnector connector, CallKind kind, double cost,
            Supplier<Uni<Reply<T>>> request) {
        return Uni.createFrom().deferred(() -> {
            Lane lane = traffic.lane(channel, made -> newLane(made, connector));
            return attempt(channel, lane, lane.bucket(kind), Settings.of(config, channel), cost, request, 1, 0, false);
        });
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> attempt(ChannelAccess channel, Lane lane, TokenBucket bucket, Settings settings, double cost,
            Supplier<Uni<Reply<T>>> request, int attempt, int throttledWaits, boolean holdsPermit) {
        // a call the marketplace refused as throttled cost nothing: sent again, it keeps its permit and only sits out the pause
        return sleep(holdsPermit ? bucket.untilResumed() : bucket.reserve(cost))
                .chain(() -> lane.guard.get(() -> Uni.createFrom().deferred(() -> {
                    // counted once it is really sent: a call the open circuit refused never reached the marketplace
                    callCounts.called(channel.channelId());
                    return request.get();
                }).map(reply -> (Object) reply)))
                .map(answer -> {
                    Reply<T> reply = (Reply<T>) answer;
                    lane.observe(bucket, reply.rate());
                    return reply.value();
                })
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof CircuitBreakerOpenException) {
                        return Uni.createFrom().failure(new MarketplaceException.CircuitOpen(
                                "circuit of channel " + channel.channelId() + " is open after repeated failures"));
                    }
                    lane.failed(failure);
                    if (failure instanceof MarketplaceException refused) {
                        lane.observe(bucket, refused.rateSignal());
                    }
                    if (failure instanceof MarketplaceException.Throttled) {
                        callCounts.throttled(channel.channelId());
                    } else {
                        callCounts.failed(channel.channelId());
                    }
                    if (failure instanceof MarketplaceException.Throttled throttled) {
                        Duration pause = min(throttled.retryAfter(), settings.maxThrottleWait);
                        lane.throttled(bucket, pause);
                        if (throttledWaits >= settings.maxThrottleWaits) {
                            return Uni.createFrom().failure(failure);
                        }
                        Log.debugf("channel %s throttled, pausing %s", channel.channelId(), pause);
                        return attempt(channel, lane, bucket, settings, cost, request, attempt, throttledWaits + 1, true);
                    }
                    if (failure instanceof MarketplaceException.TransientFailure && attempt < settings.maxAttempts) {
                        Duration backoff = backoff(settings.initialBackoff, settings.maxBackoff, attempt,
                                ThreadLocalRandom.current().nextDouble());
                        Log.debugf("channel %s call failed (%s), attempt %d again in %s", channel.channelId(),
                                failure.getMessage(), attempt + 1, backoff);
                        return sleep(backoff).chain(() -> attempt(channel, lane, bucket, settings, cost, request, attempt + 1,
                                throttledWaits, false));
                    }
                    return Uni.createFrom().failure(failure instanceof MarketplaceException ? failure
                            : new MarketplaceException.TransientFailure("channel " + channel.channelId() + ": " + failure.getMessage(), failure));
                });
    }

    private Lane newLane(ChannelAccess channel, MarketplaceConnector connector) {
        RateLimit limit = RateLimit.of(connector.rateLimit(), channel);
        Settings settings = Settings.of(config, channel);
        AtomicReference<CircuitBreakerState> circuit = new AtomicReference<>(CircuitBreakerState.CLOSED);
        Counter rateLimited = Counter.builder(RATE_LIMITED_METRIC)
                .description("Rate-limit answers (HTTP 429, Shopify THROTTLED) from the channel's marketplace")
                .tag("channel", channel.channelId()).tag("type", channel.type().name())
                .register(meters);
        TypedGuard<Uni<Object>> guard = TypedGuard.create(UNI)
                .withDescription("channel " + channel.channelId())
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.circuitRequestVolume)
                .failureRatio(settings.circuitFailureRatio)
                .delay(settings.circuitDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                // a marketplace that is down or refuses our credentials counts; a slow-down or one bad request does not
                .when(failure -> failure instanceof MarketplaceException.TransientFailure
                        || failure instanceof MarketplaceException.AuthenticationFailure
                        || !(failure instanceof MarketplaceException))
                .onStateChange(state -> {
                    circuit.set(state);
                    Log.infof("channel %s circuit is now %s", channel.channelId(), state);
                })
                .done()
                .withThreadOffload(false)
                .build();
        TokenBucket own = new TokenBucket(limit.burst(), limit.perSecond(), System::nanoTime);
        Map<CallKind, TokenBucket> buckets = new EnumMap<>(CallKind.class);
        for (CallKind kind : CallKind.values()) {
            RateBucket shared = connector.rateBucket(channel, kind);
            buckets.put(kind, shared == null ? own : traffic.sharedBucket(shared.key(), () -> {
                // made by the first channel that names it, with that channel's rateBurst / ratePerSecond options
                RateLimit sharedLimit = RateLimit.of(shared.limit(), channel);
                return new TokenBucket(sharedLimit.burst(), sharedLimit.perSecond(), System::nanoTime);
            }));
        }
        return new Lane(channel, buckets, guard, circuit, rateLimited::increment);
    }

    /** Exponential backoff with equal jitter: half the step for sure, the other half by chance ({@code random} in [0,1)). */
    static Duration backoff(Duration initial, Duration max, int attempt, double random) {
        double step = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, attempt - 1));
        return Duration.ofMillis(Math.round(step / 2 + step / 2 * random));
    }

    private Uni<Void> sleep(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        long millis = Math.max(1, (wait.toNanos() + 999_999) / 1_000_000);
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private static <T> Uni<T> onCallersContext(Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
            return context == null ? work : work.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private MarketplaceConnector connector(ChannelType type) {
        MarketplaceConnector connector = connectors.get(type);
        if (connector == null) {
            throw new MarketplaceException.PermanentFailure("no connector for channel type " + type);
        }
        return connector;
    }

    static <T> List<List<T>> partition(List<T> items, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            parts.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return parts;
    }

    /** The configured defaults as the channel's options override them. */
    record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int maxThrottleWaits,
            Duration maxThrottleWait, int circuitRequestVolume, double circuitFailureRatio, Duration circuitDelay) {

        static Settings of(DispatchConfig config, ChannelAccess channel) {
            return new Settings(
                    (int) channel.numberOption("retryMaxAttempts", config.retry().maxAttempts()),
                    millis(channel, "retryInitialBackoffMillis", config.retry().initialBackoff()),
                    millis(channel, "retryMaxBackoffMillis", config.retry().maxBackoff()),
                    (int) channel.numberOption("throttleMaxWaits", config.throttle().maxWaits()),
                    config.throttle().maxWait(),
                    (int) channel.numberOption("circuitRequestVolume", config.circuit().requestVolume()),
                    channel.numberOption("circuitFailureRatio", config.circuit().failureRatio()),
                    millis(channel, "circuitDelayMillis", config.circuit().delay()));
        }

        private static Duration millis(ChannelAccess channel, String option, Duration fallback) {
            return Duration.ofMillis((long) channel.numberOption(option, fallback.toMillis()));
        }
    }
}
