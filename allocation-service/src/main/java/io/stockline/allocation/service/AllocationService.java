package io.stockline.allocation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.ShipmentPlanner;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.messaging.DecisionPublisher;
import io.stockline.allocation.messaging.DecisionPublisher.AllocationDecided;
import io.stockline.allocation.messaging.DecisionPublisher.AllocationFailed;
import io.stockline.allocation.messaging.DecisionPublisher.Shipment;
import io.stockline.allocation.messaging.DecisionPublisher.ShipmentLine;
import io.stockline.allocation.repository.AllocationRepository;
import io.stockline.allocation.repository.AvailabilityRepository;

/** Routes each order to the location that ships it and holds the stock there through inventory. */
@ApplicationScoped
public class AllocationService {

    private final AvailabilityRepository availability;
    private final AllocationRepository allocations;
    private final InventoryClient inventory;
    private final DecisionPublisher publisher;

    public AllocationService(AvailabilityRepository availability, AllocationRepository allocations,
            @RestClient InventoryClient inventory, DecisionPublisher publisher) {
        this.availability = availability;
        this.allocations = allocations;
        this.inventory = inventory;
        this.publisher = publisher;
    }

    @WithTransaction
    public Uni<Void> onStockChanged(StockChanged event) {
        return availability.markProcessed(event.eventId())
                .chain(fresh -> fresh ? availability.apply(event) : Uni.createFrom().voidItem());
    }

    /**
     * Plans and reserves once per order event. The reservation is idempotent per order, so a redelivery
     * after a crash holds the same stock, not twice as much, and an order already decided (sent again under
     * another event id) is left alone. When the read model knows no single location
     * that holds the order (it may lag behind inventory), inventory places each line where it fits.
     */
    @WithTransaction
    public Uni<Void> onOrderPlaced(UUID eventId, OrderPlaced order) {
        return availability.markProcessed(eventId)
                .chain(fresh -> fresh ? allocations.isDecided(order.orderId()).map(decided -> !decided)
                        : Uni.createFrom().item(false))
                .chain(undecided -> {
            if (!undecided) {
                return Uni.createFrom().voidItem();
            }
            List<String> skus = order.lines().stream().map(OrderPlaced.Line::sku).distinct().toList();
            return availability.availableFor(skus)
                    .map(available -> ShipmentPlanner.singleLocation(order.lines(), available))
                    .chain(location -> reserve(order, location.orElse(null)));
        });
    }

    private Uni<Void> reserve(OrderPlaced order, String location) {
        var lines = order.lines().stream()
                .map(line -> new InventoryClient.ReservationLine(line.line(), line.sku(), location, line.quantity()))
                .toList();
        return inventory.reserve("allocation-" + order.orderId(),
                        new InventoryClient.ReservationRequest(order.orderId(), lines))
                .map(Optional::of)
                .onFailure(AllocationService::refused).recoverWithItem(Optional.empty())
                .chain(reservation -> reservation.isEmpty()
                        ? fail(order, "inventory holds too little stock for the order")
                        : decide(order, reservation.get()));
    }

    private static boolean refused(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 409;
    }

    private Uni<Void> decide(OrderPlaced order, InventoryClient.Reservation reservation) {
        Map<String, List<ShipmentLine>> byLocation = new TreeMap<>();
        for (InventoryClient.ReservationLine line : reservation.lines()) {
            byLocation.computeIfAbsent(line.location(), key -> new ArrayList<>())
                    .add(new ShipmentLine(line.line(), line.sku(), line.quantity()));
        }
        List<Shipment> shipments = byLocation.entrySet().stream()
                .map(entry -> new Shipment(entry.getKey(), reservation.id(), entry.getValue())).toList();
        return allocations.record(order.orderId(), "ALLOCATED", reservation.id(), String.join(",", byLocation.keySet()),
                        null)
                .chain(() -> publisher.decided(new AllocationDecided(order.orderId(), shipments)));
    }

    private Uni<Void> fail(OrderPlaced order, String reason) {
        Log.infof("order %s not allocated: %s", order.orderId(), reason);
        return allocations.record(order.orderId(), "FAILED", null, null, reason)
                .chain(() -> publisher.failed(new AllocationFailed(order.orderId(), reason)));
    }
}
