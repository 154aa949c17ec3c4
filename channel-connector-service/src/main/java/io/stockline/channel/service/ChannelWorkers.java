package io.stockline.channel.service;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.HeldListing;
import io.stockline.channel.connector.ListingOutcome;
import io.stockline.channel.connector.ListingUpdate;
import io.stockline.channel.connector.MarketplaceException;
import io.stockline.channel.connector.RevisionCap;
import io.stockline.channel.connector.SkuLookup;
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.channel.domain.Listings;
import io.stockline.channel.repository.SyncStateRepository.Accepted;
import io.stockline.channel.repository.SyncStateRepository.Due;
import io.vertx.core.Context;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;

/**
 * One worker per channel, non-blocking: woken when a channel's wanted quantities change and by a periodic sweep, it
 * takes the channel's lease (so one instance works a channel at a time), then the due pairs (zero-outs first, then
 * the oldest) in batches the connector allows, and makes one call at a time. A failed call backs the channel off
 * (the marketplace's Retry-After when throttled, a wait when the circuit is open, else doubling from
 * {@code retry-backoff}). Everything it needs is in sync_state, so a restart resumes where it stopped.
 */
@ApplicationScoped
public class ChannelWorkers {

    /** A channel's own pause after a call that took everything due, in milliseconds (checked when it is saved). */
    public static final String MIN_CALL_INTERVAL_OPTION = "minCallIntervalMillis";

    enum Next {
        /** Another step at once. */
        MORE,
        /** The channel waits {@code delay} before its next call (backing off, or pacing calls). */
        WAIT,
        /** Nothing to do until woken. */
        IDLE,
        /** Nothing to do now, but look again after {@code delay} (a read-back falls due); a wake-up is not held back. */
        RECHECK
    }

    record Step(Next next, Duration delay) {
        static final Step MORE = new Step(Next.MORE, Duration.ZERO);
        static final Step IDLE = new Step(Next.IDLE, Duration.ZERO);

        static Step waitFor(Duration wait) {
            return new Step(Next.WAIT, wait.isNegative() ? Duration.ZERO : wait);
        }

        static Step recheckAfter(Duration wait) {
            return new Step(Next.RECHECK, wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private static final class Worker {
        /**
         * The event loop this channel's steps run on, its own (taken round-robin when the worker is made). Taken from
         * the caller instead, every worker woken by a stock-changed batch ran on the consumer's event loop: one thread
         * for the consumer and all the workers it woke.
         */
        final Context home;
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
        final AtomicLong timer = new AtomicLong(-1);
        /** No call before this (epoch millis): the pacing after a call that took everything due. */
        volatile long notBefore;
        /** The channel's own linger, learnt from its settings at its last step; -1: not known yet (push-linger). */
        volatile long lingerMillis = -1;
        /**
         * The most due pairs one call of this channel carries, learnt at its last step (the connector's own maximum,
         * at most max-batch); 0: not known yet (max-batch). A claim reads no more than that: Amazon's calls carry
         * one SKU, and it always has hundreds due.
         */
        volatile int batchLimit;
        /** When the worker last asked for the channel's status on running out of due pairs (System.nanoTime), 0: never. */
        volatile long idleStatusAskedAt;

        Worker(Context home) {
            this.home = home;
        }

        /**
         * What this channel's settings say about its next steps, read at each claim. Gathering a burst before the
         * first call saves calls where calls are rationed; a channel that asks for every change at once
         * ({@code minCallIntervalMillis} below push-linger, such as a receiver of the seller's own) would only wait
         * for nothing, so it lingers no longer than its own interval.
         */
        void learn(Duration minCallInterval, Duration pushLinger, int batch) {
            lingerMillis = Math.min(pushLinger.toMillis(), minCallInterval.toMillis());
            batchLimit = batch;
        }
    }

    /**
     * A worker that runs out of due pairs asks for its channel's status (a state it ends in is reported at once), but
     * not more often than this: an unthrottled channel drains its pairs after nearly every stock-changed batch, and
     * asked each time, its status (a count over the channel's sync_state) was 17,600 statements and a fifth of the
     * database's time in the channel benchmark (session 31). Drained again sooner, it looks again when the pause ends.
     */
    static final Duration IDLE_STATUS_PAUSE = Duration.ofSeconds(1);

    private final ConcurrentMap<String, Worker> workers = new ConcurrentHashMap<>();
    private final PushPipeline pipeline;
    private final ChannelDispatcher dispatcher;
    private final CredentialStore credentials;
    private final Reconciler reconciler;
    private final SyncStatusService status;
    private final ChannelConfig config;
    private final PushTrace trace;
    private final PipelineTimings timings;
    private final Vertx vertx;
    private final String owner;
    private volatile boolean stopping;

    public ChannelWorkers(PushPipeline pipeline, ChannelDispatcher dispatcher, CredentialStore credentials,
            Reconciler reconciler, SyncStatusService status, ChannelConfig config, PushTrace trace, PipelineTimings timings,
            Vertx vertx) {
        this.pipeline = pipeline;
        this.dispatcher = dispatcher;
        this.credentials = credentials;
        this.reconciler = reconciler;
        this.status = status;
        this.config = config;
        this.trace = trace;
        this.timings = timings;
        this.vertx = vertx;
        this.owner = config.instanceId().orElse("instance-" + UUID.randomUUID());
    }

    /** This instance's name on leases. */
    public String owner() {
        return owner;
    }

    /** No new steps once the application stops: the pool is closing, and sync_state keeps what is left to do. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        workers.values().forEach(worker -> {
            long timer = worker.timer.getAndSet(-1);
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /** Starts the channel's worker, or asks the running one to look again when its step is done. */
    public void wake(String channelId) {
        if (stopping) {
            return;
        }
        Worker worker = workers.computeIfAbsent(channelId,
                id -> new Worker(((VertxInternal) vertx.getDelegate()).createEventLoopContext()));
        if (!worker.running.compareAndSet(false, true)) {
            worker.wokenWhileRunning.set(true);
            return;
        }
        // A context of its own, so the worker's sessions never mix with the caller's (a Kafka record, a request).
        Context context = VertxContext.createNewDuplicatedContext(worker.home);
        VertxContextSafetyToggle.setContextSafe(context, true);
        long own = worker.lingerMillis >= 0 ? worker.lingerMillis : config.pushLinger().toMillis();
        long linger = Math.max(own, worker.notBefore - System.currentTimeMillis());
        if (linger <= 0) {
            context.runOnContext(ignored -> loop(channelId, worker));
        } else {
            // Lets the changes of a burst gather before the first call, so it carries more of them at their latest.
            vertx.setTimer(linger, id -> context.runOnContext(ignored -> loop(channelId, worker)));
        }
    }

    public void wakeAll(Iterable<String> channelIds) {
        channelIds.forEach(this::wake);
    }

    @Scheduled(every = "${stockline.channel.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pipeline.enabledChannels().invoke(this::wakeAll).replaceWithVoid();
    }

    private void loop(String channelId, Worker worker) {
        // The step reads sync_state after this: a wake-up before it is answered by it.
        worker.wokenWhileRunning.set(false);
        step(channelId).subscribe().with(step -> {
            switch (step.next()) {
                case MORE -> loop(channelId, worker);
                case WAIT -> {
                    worker.notBefore = System.currentTimeMillis() + step.delay().toMillis();
                    finish(channelId, worker);
                    wakeLater(channelId, worker, step.delay());
                }
                case IDLE -> finish(channelId, worker);
                case RECHECK -> {
                    finish(channelId, worker);
                    wakeLater(channelId, worker, step.delay());
                }
            }
        }, failure -> {
            if (stopping) {
                finish(channelId, worker);
                return;
            }
            Log.warnf(failure, "channel %s: worker step failed; trying again after %s", channelId, config.retryBackoff());
            finish(channelId, worker);
            wakeLater(channelId, worker, config.retryBackoff());
        });
    }

    private void finish(String channelId, Worker worker) {
        worker.running.set(false);
        if (worker.wokenWhileRunning.getAndSet(false)) {
            wake(channelId);
        }
    }

    private void wakeLater(String channelId, Worker worker, Duration wait) {
        if (stopping) {
            return;
        }
        long timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
            worker.timer.compareAndSet(id, -1);
            wake(channelId);
        });
        long previous = worker.timer.getAndSet(timer);
        if (previous >= 0) {
            vertx.cancelTimer(previous);
        }
    }

    /** One step: take work under the lease and do it. */
    Uni<Step> step(String channelId) {
        Worker worker = workers.get(channelId);
        int limit = worker != null && worker.batchLimit > 0 ? worker.batchLimit : config.maxBatch();
        return timings.step(channelId, PipelineTimings.Phase.CLAIM, () -> pipeline.claim(channelId, owner, config.leaseTtl(), limit)).chain(work -> {
            ChannelSettings channel = work.channel();
            if (channel == null) {
                return Uni.createFrom().item(Step.IDLE);
            }
            Duration minCallInterval = minCallInterval(channel);
            int batch = Math.min(config.maxBatch(), batchSize(channel));
            if (worker != null) {
                worker.learn(minCallInterval, config.pushLinger(), batch);
            }
            if (!channel.enabled()) {
                return pipeline.release(channelId, owner).chain(() -> status.publishIfChanged(channelId))
                        .replaceWith(Step.IDLE);
            }
            if (work.health().backingOff()) {
                Duration wait = Duration.between(OffsetDateTime.now(), work.health().backoffUntil());
                return Uni.createFrom().item(Step.waitFor(wait));
            }
            if (work.health().reconcileRequested()) {
                return reconciler.reconcile(channel, access(channel)).replaceWith(Step.MORE);
            }
            List<Accepted> toConfirm = readyToConfirm(channel, work.toConfirm());
            if (!toConfirm.isEmpty()) {
                // queued updates first: each is read at most once per wait, so the pushes go on in the steps between
                return confirm(channel, toConfirm).replaceWith(Step.MORE);
            }
            List<Due> due = work.due().size() > batch ? work.due().subList(0, batch) : work.due();
            if (due.isEmpty()) {
                // The lease is kept while this instance runs (renewed by every step): no hand-over churn between
                // instances; another takes the channel over when this one stops renewing it. A queued update waiting
                // for its read-back wakes the worker when it falls due, rather than at the next sweep.
                Step next = work.toConfirm().stream().map(Accepted::dueIn).min(Duration::compareTo)
                        .map(soonest -> Step.recheckAfter(soonest.plus(config.confirmGather()))).orElse(Step.IDLE);
                Duration sinceAsked = worker == null || worker.idleStatusAskedAt == 0 ? IDLE_STATUS_PAUSE
                        : Duration.ofNanos(System.nanoTime() - worker.idleStatusAskedAt);
                if (sinceAsked.compareTo(IDLE_STATUS_PAUSE) < 0) {
                    // Drained again within the pause: the status is asked when it ends (a step then), not now.
                    Duration rest = IDLE_STATUS_PAUSE.minus(sinceAsked);
                    return Uni.createFrom().item(next.next() == Next.RECHECK && next.delay().compareTo(rest) < 0
                            ? next : Step.recheckAfter(rest));
                }
                if (worker != null) {
                    worker.idleStatusAskedAt = System.nanoTime();
                }
                return status.publishIfChanged(channelId).replaceWith(next);
            }
            boolean wasFailing = work.health().consecutiveFailures() > 0 || work.health().circuitOpen();
            // A call that did not fill a batch took everything due: the next waits min-call-interval, so a
            // steady trickle of changes goes out in few calls carrying their latest values (the rate-limit budget
            // is the marketplace's, not ours to spend on one unit at a time).
            boolean tookAllDue = due.size() < batch;
            return push(channel, due, work.health().consecutiveFailures())
                    // A failure, or the first success after failures, may change the state; the rest waits for idle
                    // (or the periodic report). Asked before the pause below turns a success into a WAIT: asked after
                    // it, every paced call of a throttled channel read its whole status (session 31: 15 a second in
                    // the channel benchmark, each a count over the channel's sync_state).
                    .call(step -> step.next() == Next.WAIT || wasFailing ? status.publishIfChanged(channelId)
                            : Uni.createFrom().voidItem())
                    .map(step -> step.next() == Next.MORE && tookAllDue && !minCallInterval.isZero()
                            ? Step.waitFor(minCallInterval) : step);
        });
    }

    /**
     * The read-backs due now, once there are enough to fill a read call, or the oldest has waited
     * {@code confirm-gather} past its time; else none yet. Amazon confirms 20 queued updates in one search, and at
     * its 5 patches a second one read per update would spend nearly as many calls on reading as on pushing.
     */
    private List<Accepted> readyToConfirm(ChannelSettings channel, List<Accepted> awaiting) {
        int oneCall;
        try {
            oneCall = Math.min(PushPipeline.CONFIRM_BATCH, dispatcher.maxReadBatchSize(channel.type()));
        } catch (MarketplaceException noConnector) {
            oneCall = 1;
        }
        return readyToConfirm(awaiting, oneCall, config.confirmGather());
    }

    static List<Accepted> readyToConfirm(List<Accepted> awaiting, int oneCall, Duration gather) {
        List<Accepted> due = awaiting.stream().filter(Accepted::due).toList();
        boolean waitedEnough = due.stream().anyMatch(accepted -> accepted.dueIn().plus(gather).compareTo(Duration.ZERO) <= 0);
        return due.size() >= oneCall || waitedEnough ? due : List.of();
    }

    /**
     * The pause after a call that took everything due: the service's {@code min-call-interval}, or the channel's own
     * {@code minCallIntervalMillis} (0 for a receiver of our own that wants every change at once, such as a webhook).
     */
    private Duration minCallInterval(ChannelSettings channel) {
        String own = channel.options().get(MIN_CALL_INTERVAL_OPTION);
        return own == null ? config.minCallInterval() : Duration.ofMillis(Long.parseLong(own.trim()));
    }

    private int batchSize(ChannelSettings channel) {
        try {
            return dispatcher.maxBatchSize(channel.type());
        } catch (MarketplaceException noConnector) {
            return 1; // the push fails the same way and the channel backs off
        }
    }

    /**
     * Pushes the due pairs. Where the marketplace keys listings by ids of its own (Shopify, WooCommerce, BigCommerce),
     * pairs without a stored mapping are first looked up by SKU through the dispatcher (paced and retried like any
     * call): a listing found is stored (source FOUND; an imported one always wins) and pushed to in the same step; a
     * SKU the marketplace has no listing for, or more than one, is REJECTED with the reason, never guessed.
     */
    private Uni<Step> push(ChannelSettings channel, List<Due> due, int failuresSoFar) {
        ChannelAccess access = access(channel);
        List<String> unmapped = due.stream().filter(pair -> pair.listingId() == null).map(Due::sku).toList();
        if (unmapped.isEmpty() || !Listings.needsLookup(channel.type()) || !canLookUp(channel)) {
            return send(channel, access, due, Map.of(), failuresSoFar);
        }
        return dispatcher.lookup(access, unmapped).onItemOrFailure().transformToUni((looked, failure) -> {
            if (failure != null) {
                return recordFailure(channel, due, failure, failuresSoFar);
            }
            List<ListingCsv.Mapping> found = looked.values().stream().filter(lookup -> lookup.result() == SkuLookup.Result.FOUND)
                    .map(lookup -> new ListingCsv.Mapping(lookup.sku(), lookup.listingId())).toList();
            if (!found.isEmpty()) {
                Log.infof("channel %s: found %d of %d unmapped SKUs by SKU lookup", channel.id(), found.size(), unmapped.size());
            }
            return pipeline.recordFound(channel.id(), found).chain(() -> send(channel, access, due, looked, failuresSoFar));
        });
    }

    private boolean canLookUp(ChannelSettings channel) {
        try {
            return dispatcher.canLookUp(channel.type());
        } catch (MarketplaceException noConnector) {
            return false;
        }
    }

    private Uni<Step> send(ChannelSettings channel, ChannelAccess access, List<Due> due, Map<String, SkuLookup> looked,
            int failuresSoFar) {
        List<ListingUpdate> updates = new ArrayList<>();
        List<ListingOutcome> unmapped = new ArrayList<>();
        for (Due pair : due) {
            SkuLookup lookup = looked.get(pair.sku());
            String listing = pair.listingId() != null ? pair.listingId()
                    : lookup != null && lookup.result() == SkuLookup.Result.FOUND ? lookup.listingId()
                    : Listings.defaultListingId(channel.type(), pair.sku());
            if (listing == null) {
                unmapped.add(new ListingOutcome(pair.sku(), null, ListingOutcome.Status.REJECTED, null,
                        lookup == null ? Listings.UNMAPPED : lookup.result() + ": " + lookup.detail()));
            } else {
                updates.add(new ListingUpdate(pair.sku(), listing, pair.wantedQuantity(), pair.pushedQuantity(),
                        idempotencyKey(channel.id(), pair)));
            }
        }
        if (updates.isEmpty()) {
            return recordOutcomes(channel, access, due, unmapped);
        }
        java.util.Optional<RevisionCap> cap = revisionCap(channel);
        if (cap.isEmpty()) {
            return dispatch(channel, access, due, updates, unmapped, failuresSoFar);
        }
        // The marketplace blocks a listing revised too often in a day: count before sending, hold those at the margin
        Map<String, String> listingBySku = new java.util.LinkedHashMap<>();
        updates.forEach(update -> listingBySku.put(update.sku(), update.listingId()));
        return pipeline.reserveRevisions(channel, cap.get(), listingBySku).chain(allowed -> {
            List<ListingUpdate> sendable = updates.stream().filter(update -> allowed.contains(update.sku())).toList();
            // the held pairs are out of this call: its failure must not overwrite why they wait
            List<Due> sent = due.stream().filter(pair -> allowed.contains(pair.sku()) || !listingBySku.containsKey(pair.sku())).toList();
            if (sendable.isEmpty()) {
                return unmapped.isEmpty() ? Uni.createFrom().item(Step.MORE) : recordOutcomes(channel, access, sent, unmapped);
            }
            return dispatch(channel, access, sent, sendable, unmapped, failuresSoFar);
        });
    }

    private java.util.Optional<RevisionCap> revisionCap(ChannelSettings channel) {
        try {
            return dispatcher.revisionCap(channel.type());
        } catch (MarketplaceException noConnector) {
            return java.util.Optional.empty();
        }
    }

    private Uni<Step> dispatch(ChannelSettings channel, ChannelAccess access, List<Due> due, List<ListingUpdate> updates,
            List<ListingOutcome> unmapped, int failuresSoFar) {
        // In a span of the traces of the changes it carries, so the marketplace request continues them (PushTrace).
        return timings.step(channel.id(), PipelineTimings.Phase.PUSH, () -> trace.around(channel, due, () -> dispatcher.push(access, updates)))
                .onItemOrFailure().transformToUni((outcomes, failure) -> {
                    if (failure != null) {
                        return recordFailure(channel, due, failure, failuresSoFar);
                    }
                    List<ListingOutcome> all = new ArrayList<>(outcomes);
                    all.addAll(unmapped);
                    return recordOutcomes(channel, access, due, all);
                });
    }

    private Uni<Step> recordOutcomes(ChannelSettings channel, ChannelAccess access, List<Due> due,
            List<ListingOutcome> outcomes) {
        List<String> conflictedListings = outcomes.stream()
                .filter(outcome -> outcome.status() == ListingOutcome.Status.CONFLICT)
                .map(ListingOutcome::listingId).toList();
        Uni<Map<String, Long>> readBack = conflictedListings.isEmpty() || !dispatcher.canReadBack(channel.type())
                ? Uni.createFrom().item(Map.of())
                : Uni.createFrom().deferred(() -> dispatcher.read(access, conflictedListings))
                        .map(byListing -> bySku(outcomes, byListing))
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("channel %s: reading back %d conflicted listings failed: %s", channel.id(),
                                    conflictedListings.size(), failure.getMessage());
                            return Map.of();
                        });
        return readBack.chain(held -> timings.step(channel.id(), PipelineTimings.Phase.OUTCOME, () -> pipeline.recordOutcomes(channel, due,
                outcomes, held, config.retryBackoff(), config.maxConflicts(), config.confirmDelay()))).replaceWith(Step.MORE);
    }

    /**
     * Reads back updates the marketplace queued (Amazon's 200 ACCEPTED) through the dispatcher, paced by the read
     * limit, and records what it found: applied (SYNCED), an error against it (REJECTED), or not yet (read again after
     * a longer wait, and sent again after {@code confirm-attempts} reads). A failed read counts as a read that did not
     * show it; the channel's pushes are not held back by it.
     */
    private Uni<Void> confirm(ChannelSettings channel, List<Accepted> toConfirm) {
        ChannelAccess access = access(channel);
        Map<String, String> skuByListing = new HashMap<>();
        for (Accepted accepted : toConfirm) {
            Due pair = accepted.pair();
            String listing = pair.listingId() != null ? pair.listingId() : Listings.defaultListingId(channel.type(), pair.sku());
            skuByListing.put(listing != null ? listing : pair.sku(), pair.sku());
        }
        PushPipeline.ConfirmPolicy policy = new PushPipeline.ConfirmPolicy(config.confirmDelay(), config.retryBackoffMax(),
                config.confirmAttempts(), config.retryBackoff());
        return Uni.createFrom().deferred(() -> dispatcher.readWithIssues(access, new ArrayList<>(skuByListing.keySet())))
                .onItemOrFailure().transformToUni((byListing, failure) -> {
                    Map<String, HeldListing> bySku = new HashMap<>();
                    if (byListing != null) {
                        byListing.forEach((listing, held) -> {
                            if (skuByListing.containsKey(listing)) {
                                bySku.put(skuByListing.get(listing), held);
                            }
                        });
                    } else {
                        Log.warnf("channel %s: reading back %d accepted updates failed: %s", channel.id(), toConfirm.size(),
                                failure.getMessage());
                    }
                    return pipeline.recordConfirmations(channel.id(), toConfirm, bySku,
                            failure == null ? null : describe(failure), policy);
                });
    }

    private static Map<String, Long> bySku(List<ListingOutcome> outcomes, Map<String, Long> byListing) {
        Map<String, Long> held = new HashMap<>();
        outcomes.forEach(outcome -> {
            if (byListing.containsKey(outcome.listingId())) {
                held.put(outcome.sku(), byListing.get(outcome.listingId()));
            }
        });
        return held;
    }

    private Uni<Step> recordFailure(ChannelSettings channel, List<Due> due, Throwable failure, int failuresSoFar) {
        Duration backoff = backoff(failure, failuresSoFar);
        String error = describe(failure);
        Log.warnf("channel %s: push of %d listings failed (%s); next call in %s", channel.id(), due.size(), error, backoff);
        return pipeline.recordFailure(channel.id(), due.stream().map(Due::sku).toList(), error, backoff,
                failure instanceof MarketplaceException.CircuitOpen).replaceWith(Step.waitFor(backoff));
    }

    Duration backoff(Throwable failure, int failuresSoFar) {
        if (failure instanceof MarketplaceException.Throttled throttled && throttled.retryAfter() != null) {
            return throttled.retryAfter();
        }
        if (failure instanceof MarketplaceException.CircuitOpen) {
            return config.circuitOpenWait();
        }
        Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, failuresSoFar)));
        return backoff.compareTo(config.retryBackoffMax()) > 0 ? config.retryBackoffMax() : backoff;
    }

    private static String describe(Throwable failure) {
        String kind = failure instanceof MarketplaceException ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName();
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return (kind + ": " + message).substring(0, Math.min(1000, kind.length() + 2 + message.length()));
    }

    /** Stable for the same (channel, SKU, wanted version): a retried call is not applied twice. */
    static String idempotencyKey(String channelId, Due pair) {
        return channelId + ":" + pair.sku() + ":" + pair.wantedVersion();
    }

    ChannelAccess access(ChannelSettings channel) {
        return new ChannelAccess(channel.id(), channel.type(), URI.create(channel.endpoint()),
                credentials.resolve(channel.credentialsRef()), channel.options());
    }
}
