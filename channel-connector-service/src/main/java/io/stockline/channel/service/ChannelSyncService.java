package io.stockline.channel.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.domain.ItemStatus;
import io.stockline.channel.domain.SkuRule;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.repository.AvailabilityRepository;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.DemandRepository;
import io.stockline.channel.repository.ItemRepository;
import io.stockline.channel.repository.RecomputeLocks;
import io.stockline.channel.repository.SyncStateRepository;
import io.stockline.platform.events.EventLimits;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.ProcessedEvents;

/**
 * Keeps the read model (availability per SKU and location, item status) and, in the same transaction, what each
 * channel should hold of the SKUs it touched. Pushing is the workers' business: this only tells which channels
 * have something new.
 */
@ApplicationScoped
public class ChannelSyncService {

    private final AvailabilityRepository availability;
    private final ItemRepository items;
    private final ChannelRepository channels;
    private final SyncStateRepository syncState;
    private final ProcessedEvents processed;
    private final RecomputeLocks locks;
    private final DemandRepository demand;
    private final Duration defaultLag;
    private final long maxVersionJump;

    public ChannelSyncService(AvailabilityRepository availability, ItemRepository items, ChannelRepository channels,
            SyncStateRepository syncState, ProcessedEvents processed, RecomputeLocks locks, DemandRepository demand,
            @ConfigProperty(name = "stockline.channel.dynamic-buffer.default-lag", defaultValue = "60s") Duration defaultLag,
            EventLimits limits) {
        this.maxVersionJump = limits.maxVersionJump();
        this.locks = locks;
        this.demand = demand;
        this.defaultLag = defaultLag;
        this.availability = availability;
        this.items = items;
        this.channels = channels;
        this.syncState = syncState;
        this.processed = processed;
    }

    /**
     * Applies a batch of stock changes in one transaction, each once and in order; then recomputes each SKU it
     * touched once (a burst for one SKU coalesces here already). Returns the channels whose wanted quantity changed.
     */
    @WithTransaction
    public Uni<Set<String>> apply(List<StockChanged> events) {
        return apply(events, Map.of());
    }

    /**
     * {@link #apply(List)}, keeping with each SKU whose wanted quantity changes the W3C traceparent of the change
     * that caused it ({@code traceparents} by SKU; a SKU without one keeps none), for the worker's marketplace call.
     */
    @WithTransaction
    public Uni<Set<String>> apply(List<StockChanged> events, Map<String, String> traceparents) {
        // Ids first (a duplicate is dropped), then per (SKU, location) only the highest version of the batch: the
        // lower ones would be stale once it is applied, and one upsert may touch a row only once.
        return processed.markProcessed(events.stream().map(StockChanged::eventId).toList())
                .chain(fresh -> availability.apply(changes(events, fresh), maxVersionJump))
                .map(ChannelSyncService::refuseLeaps).chain(locationsBySku -> recompute(locationsBySku, traceparents));
    }

    /**
     * {@link #apply(List, Map)} for a batch none of whose events was applied before, the usual case, in one round trip
     * to the database instead of three: the ids, the read model's changes, the SKUs' locks and the reads the wanted
     * quantities need go out together (PostgreSQL runs them in that order on the transaction's connection). When an id
     * was recorded before (a redelivery), it fails with {@link AlreadyApplied}, its transaction rolled back, and the
     * caller applies the batch with {@link #apply(List, Map)}, which drops that event.
     */
    @WithTransaction
    public Uni<Set<String>> applyAssumingNew(List<StockChanged> events, Map<String, String> traceparents) {
        List<UUID> ids = events.stream().map(StockChanged::eventId).distinct().toList();
        List<AvailabilityRepository.Change> changes = changes(events, ids);
        Set<String> skus = new TreeSet<>(changes.stream().map(change -> change.latest().sku()).toList());
        return Uni.combine().all()
                .unis(processed.markProcessed(ids), availability.apply(changes, maxVersionJump), lockAndRead(skus))
                .asTuple()
                .chain(done -> done.getItem1().size() < ids.size()
                        ? Uni.createFrom().failure(new AlreadyApplied(ids.size() - done.getItem1().size()))
                        : decide(refuseLeaps(done.getItem2()), done.getItem3(), traceparents));
    }

    /** Some events of a batch were applied before: the batch goes the careful way ({@link #apply(List, Map)}). */
    public static final class AlreadyApplied extends RuntimeException {

        AlreadyApplied(int events) {
            super(events + " event(s) of the batch were applied before", null, false, false);
        }
    }

    /**
     * The batch's events whose ids are {@code fresh}, each id once, per (SKU, location) as one change (the upsert may
     * touch a row only once).
     */
    private static List<AvailabilityRepository.Change> changes(List<StockChanged> events, java.util.Collection<UUID> fresh) {
        Set<UUID> unseen = new HashSet<>(fresh);
        Map<String, List<StockChanged>> byPair = new java.util.LinkedHashMap<>();
        for (StockChanged event : events) {
            if (unseen.remove(event.eventId())) { // the first record of an id counts, a repeat in the batch does not
                byPair.computeIfAbsent(event.sku() + '\u0000' + event.location(), pair -> new ArrayList<>()).add(event);
            }
        }
        return byPair.values().stream().map(ChannelSyncService::change).toList();
    }

    /**
     * An event whose version leaps more than {@link EventLimits#maxVersionJump()} past the stored one is forged or
     * broken: applied, it would make every real change after it look stale. The batch fails as poison (its transaction
     * rolls back), so the consumer applies its records one by one and only that one goes to the dead-letter topic.
     */
    private static Map<String, Set<String>> refuseLeaps(AvailabilityRepository.Applied applied) {
        if (!applied.leaps().isEmpty()) {
            throw new PoisonRecord("stock-changed event refused: " + String.join("; ", applied.leaps()));
        }
        return applied.touched();
    }

    /**
     * One (SKU, location)'s events of a batch as one change: the highest version is what the row becomes, and each
     * fall in available that a reservation or sale made between the batch's own events is demand.
     */
    static AvailabilityRepository.Change change(List<StockChanged> events) {
        List<StockChanged> inOrder = events.stream().sorted(java.util.Comparator.comparingLong(StockChanged::version)).toList();
        long demand = 0;
        for (int i = 1; i < inOrder.size(); i++) {
            StockChanged event = inOrder.get(i);
            long fall = inOrder.get(i - 1).available() - event.available();
            if (event.isDemand() && fall > 0) {
                demand += fall;
            }
        }
        return new AvailabilityRepository.Change(inOrder.get(inOrder.size() - 1), inOrder.get(0), demand);
    }

    /** Applies the item's status once, the latest revision winning; returns the channels whose wanted quantity changed. */
    @WithTransaction
    public Uni<Set<String>> apply(ItemChanged event) {
        return processed.markProcessed(event.eventId())
                .chain(fresh -> fresh ? items.apply(event) : Uni.createFrom().item(false))
                .chain(applied -> applied ? recompute(java.util.Collections.singletonMap(event.sku(), null))
                        : Uni.createFrom().item(Set.<String>of()));
    }

    /**
     * Recomputes what the channels should hold of each SKU, inside the caller's transaction: for a SKU mapped to the
     * locations whose stock changed, only the channels that sell from one of them (the others' sums did not move);
     * for a SKU mapped to null, every channel. Returns the channels whose wanted quantity changed.
     */
    public Uni<Set<String>> recompute(Map<String, Set<String>> locationsBySku) {
        return recompute(locationsBySku, Map.of());
    }

    /** {@link #recompute(Map)}, each wanted quantity with the traceparent of its SKU's change ({@code traceparents}). */
    public Uni<Set<String>> recompute(Map<String, Set<String>> locationsBySku, Map<String, String> traceparents) {
        if (locationsBySku.isEmpty()) {
            return Uni.createFrom().item(new TreeSet<>());
        }
        return lockAndRead(locationsBySku.keySet()).chain(read -> decide(locationsBySku, read, traceparents));
    }

    /** What working out the SKUs' wanted quantities reads, under their locks. */
    record Inputs(List<ChannelSettings> channels, Map<String, Map<String, Long>> sums, Map<String, ItemStatus> statuses,
            Map<String, Map<String, SkuRule>> rules) {
    }

    /**
     * Locks the SKUs before the first read, so that a concurrent recompute of them that commits first is read here.
     * The lock and the four reads go out together, in that order, on the transaction's connection: PostgreSQL runs
     * them one after the other, so each read starts once the lock is held, and the caller waits one round trip for
     * all five instead of five.
     */
    private Uni<Inputs> lockAndRead(Set<String> skus) {
        return Uni.combine().all()
                .unis(locks.skus(skus).replaceWith(Boolean.TRUE), channels.all(), availability.sumsByChannel(skus),
                        items.statuses(skus), channels.skuRulesFor(skus))
                .asTuple()
                .map(read -> new Inputs(read.getItem2(), read.getItem3(), read.getItem4(), read.getItem5()));
    }

    /**
     * The wanted quantities of the SKUs in {@code locationsBySku} (read under their locks, {@code read} may hold more
     * SKUs), written in one multi-row upsert; returns the channels whose wanted quantity changed.
     */
    private Uni<Set<String>> decide(Map<String, Set<String>> locationsBySku, Inputs read, Map<String, String> traceparents) {
        if (locationsBySku.isEmpty()) {
            return Uni.createFrom().item(new TreeSet<>());
        }
        return demandDuringLag(read.channels(), locationsBySku.keySet()).chain(expected -> {
            List<SyncStateRepository.Wanted> wanted = new ArrayList<>();
            List<String[]> excluded = new ArrayList<>();
            locationsBySku.forEach((sku, locations) -> {
                Map<String, Long> sumByChannel = read.sums().getOrDefault(sku, Map.of());
                Map<String, SkuRule> ruleByChannel = read.rules().getOrDefault(sku, Map.of());
                ItemStatus status = read.statuses().getOrDefault(sku, ItemStatus.ACTIVE);
                for (ChannelSettings channel : read.channels()) {
                    if (locations != null && locations.stream().noneMatch(channel::sellsFrom)) {
                        continue;
                    }
                    OptionalLong quantity = channel.rules().decide(sumByChannel.getOrDefault(channel.id(), 0L),
                            expected.of(channel.id(), sku), ruleByChannel.get(channel.id()), status);
                    if (quantity.isPresent()) {
                        wanted.add(new SyncStateRepository.Wanted(channel.id(), sku, quantity.getAsLong(),
                                traceparents.get(sku)));
                    } else {
                        excluded.add(new String[] { channel.id(), sku });
                    }
                }
            });
            return forget(excluded).chain(() -> syncState.want(wanted));
        });
    }

    /** Units each SKU is expected to sell during each channel's sync lag, for the channels with a dynamic buffer. */
    record ExpectedDemand(Map<String, Double> unitsPerHour, Map<String, Double> lagSeconds) {

        static final ExpectedDemand NONE = new ExpectedDemand(Map.of(), Map.of());

        double of(String channel, String sku) {
            Double lag = lagSeconds.get(channel);
            return lag == null ? 0 : unitsPerHour.getOrDefault(sku, 0d) * lag / 3600;
        }
    }

    /** Demand rates and measured lags, read only when a channel sizes its buffer from them ({@code skus} null: all). */
    private Uni<ExpectedDemand> demandDuringLag(List<ChannelSettings> channels, Set<String> skus) {
        List<String> dynamic = channels.stream().filter(channel -> channel.rules().dynamicBuffer() != null)
                .map(ChannelSettings::id).toList();
        if (dynamic.isEmpty()) {
            return Uni.createFrom().item(ExpectedDemand.NONE);
        }
        return (skus == null ? demand.unitsPerHour() : demand.unitsPerHour(skus))
                .chain(rates -> demand.syncLagSeconds(dynamic).map(measured -> {
                    Map<String, Double> lags = new java.util.HashMap<>();
                    // a channel with nothing pushed in the last hour has no measure yet: assume the configured lag
                    dynamic.forEach(id -> lags.put(id, measured.getOrDefault(id, (double) defaultLag.toSeconds())));
                    return new ExpectedDemand(rates, lags);
                }));
    }

    private Uni<Void> forget(List<String[]> pairs) {
        return Multi.createFrom().iterable(pairs)
                .onItem().transformToUniAndConcatenate(pair -> syncState.forget(pair[0], pair[1]))
                .collect().last().replaceWithVoid();
    }

    /**
     * Recomputes what the channel should hold of every SKU the read model knows, or of {@code skus} (inside the
     * caller's transaction); returns how many wanted quantities changed.
     */
    public Uni<Integer> recomputeChannel(ChannelSettings channel, List<String> skus) {
        // The settings are read again under the lock: a caller's copy may be older than a change committed meanwhile.
        return (skus == null ? locks.everySku() : locks.skus(skus))
                .chain(() -> channels.find(channel.id()))
                .chain(current -> current == null ? Uni.createFrom().item(0) : recomputeLocked(current, skus));
    }

    private Uni<Integer> recomputeLocked(ChannelSettings channel, List<String> skus) {
        return availability.sumsBySku(channel.id(), skus)
                .chain(sums -> items.inactive()
                        .chain(inactive -> demandDuringLag(List.of(channel), skus == null ? null : Set.copyOf(skus)).chain(expected -> {
                                    // the settings were just read under the lock, SKU rules with them
                                    Map<String, SkuRule> rules = channel.skuRules();
                                    List<SyncStateRepository.Wanted> wanted = new ArrayList<>();
                                    List<String[]> excluded = new ArrayList<>();
                                    new java.util.TreeMap<>(sums).forEach((sku, sum) -> {
                                        OptionalLong quantity = channel.rules().decide(sum, expected.of(channel.id(), sku),
                                                rules.get(sku), inactive.getOrDefault(sku, ItemStatus.ACTIVE));
                                        if (quantity.isPresent()) {
                                            wanted.add(new SyncStateRepository.Wanted(channel.id(), sku, quantity.getAsLong()));
                                        } else {
                                            excluded.add(new String[] { channel.id(), sku });
                                        }
                                    });
                                    AtomicInteger changes = new AtomicInteger();
                                    return forget(excluded).chain(() -> Multi.createFrom().iterable(wanted)
                                            .group().intoLists().of(500)
                                            .onItem().transformToUniAndConcatenate(part -> syncState.wantCount(part)
                                                    .invoke(changes::addAndGet))
                                            .collect().last())
                                            .map(ignored -> changes.get());
                                })));
    }

}
