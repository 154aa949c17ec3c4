package io.stockline.channel.service;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.domain.ItemStatus;
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

    /** Applies the stock change once; returns the channels whose wanted quantity changed. */
    @WithTransaction
    public Uni<Set<String>> apply(StockChanged event) {
        return availability.markProcessed(event)
                .chain(fresh -> fresh ? availability.apply(event) : Uni.createFrom().item(false))
                .chain(applied -> applied ? recomputeSku(event.sku(), event.location()) : Uni.createFrom().item(Set.<String>of()));
    }

    /** Applies the item's status once, the latest revision winning; returns the channels whose wanted quantity changed. */
    @WithTransaction
    public Uni<Set<String>> apply(ItemChanged event) {
        return items.markProcessed(event.eventId())
                .chain(fresh -> fresh ? items.apply(event) : Uni.createFrom().item(false))
                .chain(applied -> applied ? recomputeSku(event.sku(), null) : Uni.createFrom().item(Set.<String>of()));
    }

    /**
     * Recomputes what every channel fed by {@code location} (every channel when null) should hold of the SKU, inside
     * the caller's transaction; a channel that does not sell from the location has the same sum as before.
     */
    public Uni<Set<String>> recomputeSku(String sku, String location) {
        return channels.all().chain(all -> availability.sumsByChannel(sku)
                .chain(sums -> items.status(sku)
                        .chain(status -> channels.skuRulesFor(sku)
                                .chain(rules -> {
                                    Set<String> changed = new TreeSet<>();
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (ChannelSettings channel : all) {
                                        if (location != null && !channel.sellsFrom(location)) {
                                            continue;
                                        }
                                        long sum = sums.getOrDefault(channel.id(), 0L);
                                        chain = chain.chain(() -> want(channel.id(), sku,
                                                channel.rules().decide(sum, rules.get(channel.id()), status), changed));
                                    }
                                    return chain.replaceWith(changed);
                                }))));
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
