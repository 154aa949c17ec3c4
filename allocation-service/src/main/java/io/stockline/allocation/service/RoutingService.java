package io.stockline.allocation.service;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.AllocationStatus;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.RoutingPolicy;
import io.stockline.allocation.domain.ShipmentStatus;
import io.stockline.allocation.repository.AllocationRepository;
import io.stockline.allocation.repository.RoutingPolicyRepository;

/** Routing settings per channel, plan previews, and what became of an order. */
@ApplicationScoped
public class RoutingService {

    public record ShipmentView(String location, java.util.UUID reservationId, ShipmentStatus status,
            List<OrderPlaced.Line> lines) {
    }

    public record AllocationView(String orderId, String channel, AllocationStatus status, int attempts, String reason,
            List<ShipmentView> shipments, List<OrderPlaced.Line> backordered, OffsetDateTime updatedAt) {
    }

    /** One page of allocations, newest change first; {@code next} continues after it (null: nothing older). */
    public record AllocationPage(List<AllocationView> allocations, String next) {
    }

    private static final TypeReference<List<OrderPlaced.Line>> LINES = new TypeReference<>() {
    };

    private final ReadModelPlanner planner;
    private final RoutingPolicyRepository policies;
    private final AllocationRepository allocations;
    private final ObjectMapper json;

    public RoutingService(ReadModelPlanner planner, RoutingPolicyRepository policies, AllocationRepository allocations,
            ObjectMapper json) {
        this.planner = planner;
        this.policies = policies;
        this.allocations = allocations;
        this.json = json;
    }

    @WithConnection
    public Uni<RoutingPolicy> policy(String channel) {
        return planner.policyFor(channel);
    }

    @WithTransaction
    public Uni<RoutingPolicy> save(String channel, RoutingPolicy policy, String actor) {
        return policies.save(channel, policy, actor).replaceWith(policy);
    }

    /** The plan the order would get now, from the read model; nothing is reserved. */
    @WithConnection
    public Uni<ReadModelPlanner.Planned> preview(OrderPlaced order) {
        return planner.plan(order);
    }

    /** Null when the order is unknown. */
    @WithConnection
    public Uni<AllocationView> allocation(String orderId) {
        return allocations.find(orderId).chain(row -> row == null ? Uni.createFrom().nullItem()
                : allocations.shipments(orderId).map(shipments -> view(row, shipments)));
    }

    /**
     * The allocations changed last, newest first, in {@code status} when given; {@code before} is the {@code next}
     * of the page before (null: from the newest).
     */
    @WithConnection
    public Uni<AllocationPage> recent(AllocationStatus status, AllocationCursor before, int limit) {
        return allocations.recent(status, before == null ? null : before.updatedAt(),
                before == null ? null : before.orderId(), limit)
                .chain(rows -> allocations.shipments(rows.stream().map(AllocationRepository.AllocationRow::orderId)
                        .toList())
                        .map(shipments -> {
                            List<AllocationView> views = rows.stream().map(row -> view(row,
                                    shipments.getOrDefault(row.orderId(), List.of()))).toList();
                            AllocationRepository.AllocationRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
                            return new AllocationPage(views, rows.size() < limit ? null
                                    : new AllocationCursor(last.updatedAt(), last.orderId()).encoded());
                        }));
    }

    private AllocationView view(AllocationRepository.AllocationRow row, List<AllocationRepository.ShipmentRow> shipments) {
        return new AllocationView(row.orderId(), row.channel(), row.status(), row.attempt(), row.reason(),
                shipments.stream().map(s -> new ShipmentView(s.location(), s.reservationId(), s.status(),
                        lines(s.lines()))).toList(),
                lines(row.unfilled()), row.updatedAt());
    }

    private List<OrderPlaced.Line> lines(String stored) {
        try {
            return stored == null ? List.of() : json.readValue(stored, LINES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
