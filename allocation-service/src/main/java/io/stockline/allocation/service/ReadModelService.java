package io.stockline.allocation.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.FulfilmentLocation;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.repository.AvailabilityRepository;
import io.stockline.allocation.repository.LocationRepository;
import io.stockline.platform.events.EventLimits;
import io.stockline.platform.events.ProcessedEvents;
import io.stockline.platform.events.StockNumbers;

/** Keeps the read models of availability and locations; each event applies once, stale versions are dropped. */
@ApplicationScoped
public class ReadModelService {

    private final ProcessedEvents processed;
    private final AvailabilityRepository availability;
    private final LocationRepository locations;
    private final long maxVersionJump;

    public ReadModelService(ProcessedEvents processed, AvailabilityRepository availability,
            LocationRepository locations, EventLimits limits) {
        this.maxVersionJump = limits.maxVersionJump();
        this.processed = processed;
        this.availability = availability;
        this.locations = locations;
    }

    /**
     * Applies the event once; one whose version leaps far past the stored one is refused as poison (the transaction,
     * its processed mark included, rolls back), else it would make every real change after it look stale.
     */
    @WithTransaction
    public Uni<Void> onStockChanged(UUID eventId, StockChanged event) {
        return processed.markProcessed(eventId).chain(fresh -> fresh
                ? availability.apply(event.sku(), event.location(), event.available(), event.version(), maxVersionJump)
                        .invoke(known -> StockNumbers.requireNoLeap(event.sku(), event.location(), event.version(), known,
                                maxVersionJump))
                        .replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    @WithTransaction
    public Uni<Void> onLocationChanged(UUID eventId, FulfilmentLocation location, long revision) {
        return processed.markProcessed(eventId).chain(fresh -> fresh ? locations.apply(location, revision)
                : Uni.createFrom().voidItem());
    }

    /**
     * Figures read from inventory itself; they carry the same versions as the events, so neither undoes the other. A
     * transaction of their own, committed before the order is planned again: a row changed here is locked for one
     * statement and a commit, not for the whole replan (session 23: the replans of a SKU selling out, and the
     * stock-changed events, waited in line on its rows).
     */
    @WithTransaction
    public Uni<Void> applyFresh(List<InventoryClient.Stock> figures) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (InventoryClient.Stock stock : figures) {
            for (InventoryClient.LocationStock at : stock.locations()) {
                chain = chain.chain(() -> availability.applyIfNewer(stock.sku(), at.location(), at.available(),
                        at.version()));
            }
        }
        return chain;
    }
}
