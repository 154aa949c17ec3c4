package io.stockline.allocation.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.FulfilmentLocation;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.repository.AvailabilityRepository;
import io.stockline.allocation.repository.LocationRepository;
import io.stockline.platform.events.EventLimits;
import io.stockline.platform.events.PoisonRecord;
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

    /** A stock change and the id it is recorded under (its own, or its CloudEvent's). */
    public record Identified(UUID eventId, StockChanged event) {
    }

    /**
     * Applies a batch of stock changes in one transaction: their ids recorded in one statement, then each change not
     * seen before applied in the batch's order, exactly as one at a time would be (the highest version wins; a
     * version leap is judged against the version stored when its turn comes), the statements started together (one
     * round trip on the transaction's connection, {@code NativeSql}). A leap refuses the whole batch (a {@link
     * PoisonRecord}; nothing of it stays written), for the caller to apply it record by record.
     */
    @WithTransaction
    public Uni<Void> onStockChangedAll(List<Identified> events) {
        return processed.markProcessed(events.stream().map(Identified::eventId).toList()).chain(fresh -> {
            List<Uni<Void>> applied = new ArrayList<>();
            Set<UUID> first = new HashSet<>(fresh);
            for (Identified identified : events) {
                StockChanged event = identified.event();
                if (first.remove(identified.eventId())) { // a redelivery, or the same record twice: applied once
                    applied.add(availability.apply(event.sku(), event.location(), event.available(), event.version(),
                            maxVersionJump).invoke(known -> StockNumbers.requireNoLeap(event.sku(), event.location(),
                                    event.version(), known, maxVersionJump)).replaceWithVoid());
                }
            }
            return applied.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(applied).andCollectFailures().replaceWithVoid()
                            .onFailure(CompositeException.class)
                            .transform(failures -> firstPoison((CompositeException) failures));
        });
    }

    /** A leap among the statements' failures is the batch's cause; any other failure as it came. */
    private static Throwable firstPoison(CompositeException failures) {
        return failures.getCauses().stream().filter(PoisonRecord.class::isInstance)
                .findFirst().orElse(failures.getCauses().get(0));
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
