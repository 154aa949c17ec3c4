package io.stockline.channel.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.Listings;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.HealthRepository;
import io.stockline.channel.repository.SyncStateRepository;

/**
 * Brings a channel back to what it should hold: recomputes every wanted quantity from the read model and, where
 * the marketplace can be read back, compares what it holds with what it should and marks every drifted pair
 * pending again. The comparison ({@link #repair}) does not care where the figures came from.
 */
@ApplicationScoped
public class Reconciler {

    /** What one reconciliation found. */
    public record Report(int recomputed, int checked, int drifted, boolean readBack) {
    }

    private final ChannelRepository channels;
    private final SyncStateRepository syncState;
    private final HealthRepository health;
    private final ChannelSyncService sync;
    private final ChannelDispatcher dispatcher;

    public Reconciler(ChannelRepository channels, SyncStateRepository syncState, HealthRepository health,
            ChannelSyncService sync, ChannelDispatcher dispatcher) {
        this.channels = channels;
        this.syncState = syncState;
        this.health = health;
        this.sync = sync;
        this.dispatcher = dispatcher;
    }

    /** Asks the channel's worker to reconcile on its next step (whichever instance holds the lease). */
    @WithTransaction
    public Uni<Void> request(String channelId) {
        return health.requestReconcile(channelId, true);
    }

    /** Reconciles the channel now; called by the worker that holds the channel's lease. */
    public Uni<Report> reconcile(ChannelSettings channel, ChannelAccess access) {
        boolean readBack = canReadBack(channel);
        return recompute(channel)
                .chain(recomputed -> !readBack ? Uni.createFrom().item(new Report(recomputed, 0, 0, false))
                        : compareAll(channel, access).map(found -> new Report(recomputed, found[0], found[1], true)))
                .call(() -> done(channel.id()))
                .invoke(report -> Log.infof("channel %s reconciled: %s", channel.id(), report))
                .onFailure().call(() -> done(channel.id()));
    }

    @WithTransaction
    Uni<Integer> recompute(ChannelSettings channel) {
        return sync.recomputeChannel(channel, null);
    }

    @WithTransaction
    Uni<Void> done(String channelId) {
        return health.requestReconcile(channelId, false);
    }

    private boolean canReadBack(ChannelSettings channel) {
        try {
            return dispatcher.canReadBack(channel.type());
        } catch (RuntimeException noConnector) {
            return false;
        }
    }

    private Uni<int[]> compareAll(ChannelSettings channel, ChannelAccess access) {
        int pageSize = Math.max(1, dispatcher.maxBatchSize(channel.type()));
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger drifted = new AtomicInteger();
        return comparePage(channel, access, "", pageSize, checked, drifted)
                .map(ignored -> new int[] { checked.get(), drifted.get() });
    }

    private Uni<Void> comparePage(ChannelSettings channel, ChannelAccess access, String after, int pageSize,
            AtomicInteger checked, AtomicInteger drifted) {
        return page(channel.id(), after, pageSize).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<String, String> skuByListing = new HashMap<>();
            List<String> listingIds = new ArrayList<>();
            for (SyncStateRepository.Synced row : rows) {
                String sku = row.sku();
                String listing = row.listingId() != null ? row.listingId() : Listings.defaultListingId(channel.type(), sku);
                if (listing == null) {
                    continue;
                }
                skuByListing.put(listing, sku);
                listingIds.add(listing);
            }
            String last = rows.get(rows.size() - 1).sku();
            return Uni.createFrom().deferred(() -> dispatcher.read(access, listingIds))
                    .chain(held -> {
                        Map<String, Long> heldBySku = new HashMap<>();
                        held.forEach((listing, quantity) -> {
                            if (skuByListing.containsKey(listing)) {
                                heldBySku.put(skuByListing.get(listing), quantity);
                            }
                        });
                        checked.addAndGet(heldBySku.size());
                        return repair(channel.id(), heldBySku);
                    })
                    .invoke(drifted::addAndGet)
                    .chain(() -> rows.size() < pageSize ? Uni.createFrom().voidItem()
                            : comparePage(channel, access, last, pageSize, checked, drifted));
        });
    }

    @WithConnection
    Uni<List<SyncStateRepository.Synced>> page(String channelId, String after, int limit) {
        return syncState.page(channelId, after, limit);
    }

    /**
     * Compares what the marketplace holds ({@code heldBySku}) with what it should: every SKU whose figure differs
     * from the wanted quantity is pending again (under a new version); returns how many drifted.
     */
    @WithTransaction
    public Uni<Integer> repair(String channelId, Map<String, Long> heldBySku) {
        AtomicInteger drifted = new AtomicInteger();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Long> held : heldBySku.entrySet()) {
            chain = chain.chain(() -> syncState.repush(channelId, held.getKey(), held.getValue(),
                    held.getValue() == null ? "drift: the marketplace's own figures disagree (eBay: item and offer)"
                            : "drift: the marketplace held " + held.getValue(), Duration.ZERO)
                    .invoke(didDrift -> {
                        if (didDrift) {
                            drifted.incrementAndGet();
                        }
                    }).replaceWithVoid());
        }
        return chain.map(ignored -> drifted.get());
    }
}
