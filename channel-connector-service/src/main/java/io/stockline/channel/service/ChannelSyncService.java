package io.stockline.channel.service;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.domain.ItemStatus;
import io.stockline.channel.domain.SkuRule;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.repository.AvailabilityRepository;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.ItemRepository;
import io.stockline.channel.repository.SyncStateRepository;

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

    public ChannelSyncService(AvailabilityRepository availability, ItemRepository items, ChannelRepository channels,
            SyncStateRepository syncState) {
        this.availability = availability;
        this.items = items;
        this.channels = channels;
        this.syncState = syncState;
    }

    /**
     * Applies a batch of stock changes in one transaction, each once and in order; then recomputes each SKU it
     * touched once (a burst for one SKU coalesces here already). Returns the channels whose wanted quantity changed.
     */
    @WithTransaction
    public Uni<Set<String>> apply(List<StockChanged> events) {
        Map<String, Set<String>> touched = new java.util.LinkedHashMap<>();
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> availability.markProcessed(event)
                        .chain(fresh -> fresh ? availability.apply(event) : Uni.createFrom().item(false))
                        .invoke(applied -> {
                            if (applied) {
                                touched.computeIfAbsent(event.sku(), sku -> new TreeSet<>()).add(event.location());
                            }
                        }))
                .collect().last()
                .chain(() -> recompute(touched));
    }

    /** Applies the item's status once, the latest revision winning; returns the channels whose wanted quantity changed. */
    @WithTransaction
    public Uni<Set<String>> apply(ItemChanged event) {
        return items.markProcessed(event.eventId())
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
        Set<String> changed = new TreeSet<>();
        if (locationsBySku.isEmpty()) {
            return Uni.createFrom().item(changed);
        }
        // Three queries for all the SKUs, then one conditional upsert per (channel, SKU).
        Set<String> skus = locationsBySku.keySet();
        return channels.all().chain(all -> availability.sumsByChannel(skus)
                .chain(sums -> items.statuses(skus)
                        .chain(statuses -> channels.skuRulesFor(skus)
                                .chain(rules -> Multi.createFrom().iterable(locationsBySku.entrySet())
                                        .onItem().transformToUniAndConcatenate(entry -> {
                                            String sku = entry.getKey();
                                            Map<String, Long> sumByChannel = sums.getOrDefault(sku, Map.of());
                                            Map<String, SkuRule> ruleByChannel = rules.getOrDefault(sku, Map.of());
                                            ItemStatus status = statuses.getOrDefault(sku, ItemStatus.ACTIVE);
                                            return Multi.createFrom().iterable(all)
                                                    .filter(channel -> entry.getValue() == null
                                                            || entry.getValue().stream().anyMatch(channel::sellsFrom))
                                                    .onItem().transformToUniAndConcatenate(channel -> want(channel.id(), sku,
                                                            channel.rules().decide(sumByChannel.getOrDefault(channel.id(), 0L),
                                                                    ruleByChannel.get(channel.id()), status), changed))
                                                    .collect().last();
                                        })
                                        .collect().last()))))
                .replaceWith(changed);
    }

    /**
     * Recomputes what the channel should hold of every SKU the read model knows, or of {@code skus} (inside the
     * caller's transaction); returns how many wanted quantities changed.
     */
    public Uni<Integer> recomputeChannel(ChannelSettings channel, List<String> skus) {
        return availability.sumsBySku(channel.id(), skus)
                .chain(sums -> items.inactive()
                        .chain(inactive -> channels.skuRulesOf(channel.id())
                                .chain(rules -> {
                                    Set<String> changed = new TreeSet<>();
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (Map.Entry<String, Long> sum : new java.util.TreeMap<>(sums).entrySet()) {
                                        String sku = sum.getKey();
                                        OptionalLong quantity = channel.rules().decide(sum.getValue(), rules.get(sku),
                                                inactive.getOrDefault(sku, ItemStatus.ACTIVE));
                                        chain = chain.chain(() -> want(channel.id(), sku, quantity, changed));
                                    }
                                    return chain.replaceWith(changed::size);
                                })));
    }

    private Uni<Void> want(String channel, String sku, OptionalLong quantity, Set<String> changed) {
        if (quantity.isEmpty()) {
            return syncState.forget(channel, sku);
        }
        return syncState.want(channel, sku, quantity.getAsLong()).invoke(didChange -> {
            if (didChange) {
                changed.add(channel);
            }
        }).replaceWithVoid();
    }
}
