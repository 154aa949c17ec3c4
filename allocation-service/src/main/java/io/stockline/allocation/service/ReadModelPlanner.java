package io.stockline.allocation.service;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.RoutingPolicy;
import io.stockline.allocation.domain.ShipmentPlanner;
import io.stockline.allocation.repository.AvailabilityRepository;
import io.stockline.allocation.repository.LocationRepository;
import io.stockline.allocation.repository.RoutingPolicyRepository;

/** Plans an order from the read models and the channel's routing policy, in the caller's session. */
@ApplicationScoped
public class ReadModelPlanner {

    public record Planned(AllocationPlan plan, RoutingPolicy policy) {
    }

    private final AvailabilityRepository availability;
    private final LocationRepository locations;
    private final RoutingPolicyRepository policies;

    public ReadModelPlanner(AvailabilityRepository availability, LocationRepository locations,
            RoutingPolicyRepository policies) {
        this.availability = availability;
        this.locations = locations;
        this.policies = policies;
    }

    public Uni<RoutingPolicy> policyFor(String channel) {
        return channel == null ? Uni.createFrom().item(RoutingPolicy.DEFAULT)
                : policies.find(channel).map(found -> found.orElse(RoutingPolicy.DEFAULT));
    }

    /**
     * The three reads are started together: they run one after another on the session's connection, in one round trip
     * (each is a {@code NativeSql} statement, which may share the connection; Hibernate queries may not).
     */
    public Uni<Planned> plan(OrderPlaced order) {
        return planAll(List.of(order)).map(planned -> planned.get(0));
    }

    /**
     * Plans each of several orders (decided in one transaction), from one read of each: the channels' policies, the
     * availability of every SKU they name, the locations. Each order is planned from the same figures, as orders
     * planned one by one in the same instant would be; inventory's guard decides which of them holds.
     */
    public Uni<List<Planned>> planAll(List<OrderPlaced> orders) {
        List<String> channels = orders.stream().map(OrderPlaced::channel).filter(Objects::nonNull).distinct().toList();
        List<String> skus = orders.stream().flatMap(order -> order.lines().stream()).map(OrderPlaced.Line::sku)
                .distinct().toList();
        return Uni.combine().all().unis(policies.find(channels), availability.availableFor(skus), locations.all())
                .asTuple()
                .map(read -> orders.stream().map(order -> {
                    RoutingPolicy policy = order.channel() == null ? RoutingPolicy.DEFAULT
                            : read.getItem1().getOrDefault(order.channel(), RoutingPolicy.DEFAULT);
                    return new Planned(ShipmentPlanner.plan(order.lines(), order.shipTo(), read.getItem2(),
                            read.getItem3(), policy), policy);
                }).toList());
    }
}
