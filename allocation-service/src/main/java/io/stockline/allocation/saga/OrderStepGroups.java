package io.stockline.allocation.saga;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.saga.OrderAllocationSteps.Allocation;
import io.stockline.allocation.saga.OrderAllocationSteps.Begin;
import io.stockline.allocation.saga.OrderAllocationSteps.Held;
import io.stockline.allocation.saga.OrderAllocationSteps.Pending;
import io.stockline.allocation.saga.OrderAllocationSteps.Replan;
import io.stockline.allocation.service.FreshFigures;
import io.stockline.allocation.service.ReadModelService;
import io.stockline.platform.gathering.RequestGatherer;
import io.stockline.platform.outbox.OutboxTrace;
import io.stockline.platform.sql.TransientConflicts;
import io.vertx.core.Vertx;

/**
 * The saga's two steps every order takes, begun and allocated, and the replan of the orders that ran short (a flash sale
 * selling out), shared by the orders in flight: those that reach a step together are gathered ({@link RequestGatherer},
 * {@code stockline.allocation.step-group.*}) and the group runs as one transaction of set-based statements ({@link
 * OrderAllocationSteps#beginAll}, {@link OrderAllocationSteps#allocatedAll}, {@link OrderAllocationSteps#replanAll}),
 * each order still answered on its own: one whose row moved meanwhile changes nothing for the others. A group of
 * replans first reads inventory's fresh figures of its SKUs (after every one of its orders was refused) and applies them
 * in a short transaction of their own, once for the group rather than once per order. Each group runs
 * on a Vert.x context of its own (a session of its own) and again from the start when PostgreSQL aborts it as a
 * deadlock; any other failure of a group fails each of its orders, which wait and retry as one would alone. The
 * guards stay the rows' conditional statements, so instances gathering apart decide nothing twice.
 */
@ApplicationScoped
public class OrderStepGroups {

    private final OrderAllocationSteps steps;
    private final FreshFigures figures;
    private final ReadModelService readModel;
    private final boolean grouped;
    private final RequestGatherer<Begin, Uni<Pending>> begins;
    private final RequestGatherer<Allocation, Uni<Void>> allocations;
    private final RequestGatherer<Replan, Uni<Pending>> replans;

    public OrderStepGroups(OrderAllocationSteps steps, FreshFigures figures, ReadModelService readModel,
            AllocationConfig config, Vertx vertx) {
        this.steps = steps;
        this.figures = figures;
        this.readModel = readModel;
        AllocationConfig.StepGroup group = config.stepGroup();
        this.grouped = group.maxSize() > 1;
        RequestGatherer.Limits limits = new RequestGatherer.Limits(group.window(), Math.max(1, group.maxSize()),
                Math.max(1, group.maxInFlight()));
        this.begins = new RequestGatherer<>("group of orders begun", vertx, limits,
                requests -> TransientConflicts.retried("group of orders begun", () -> steps.beginAll(requests)));
        this.allocations = new RequestGatherer<>("group of orders allocated", vertx, limits,
                requests -> TransientConflicts.retried("group of orders allocated",
                        () -> steps.allocatedAll(requests)));
        this.replans = new RequestGatherer<>("group of orders planned again", vertx, limits,
                requests -> applyFreshFigures(requests).chain(() -> TransientConflicts.retried(
                        "group of orders planned again", () -> steps.replanAll(requests))));
    }

    /** {@link OrderAllocationSteps#begin}, in the group it joins. */
    public Uni<Pending> begin(UUID eventId, OrderPlaced order) {
        if (!grouped) {
            return steps.begin(eventId, order);
        }
        return begins.submit(new Begin(eventId, order)).chain(answer -> answer);
    }

    /** {@link OrderAllocationSteps#allocated}, in the group it joins; its decision carries the caller's trace. */
    public Uni<Void> allocated(UUID eventId, Pending pending, List<Held> held) {
        if (!grouped) {
            return steps.allocated(eventId, pending, held);
        }
        return Uni.createFrom().deferred(() -> allocations.submit(
                new Allocation(eventId, pending, held, OutboxTrace.current()))).chain(answer -> answer);
    }

    /**
     * {@link OrderAllocationSteps#replan}, in the group it joins, after inventory's fresh figures of the order's SKUs
     * (read after it was refused) are in the read model; its shortage decision carries the caller's trace.
     */
    public Uni<Pending> replan(UUID eventId, Pending refused) {
        if (!grouped) {
            Replan alone = new Replan(eventId, refused, OutboxTrace.current());
            return applyFreshFigures(List.of(alone)).chain(() -> steps.replan(eventId, refused));
        }
        return Uni.createFrom().deferred(() -> replans.submit(new Replan(eventId, refused, OutboxTrace.current())))
                .chain(answer -> answer);
    }

    /** Inventory's figures of every SKU the orders name, each read once, applied in one transaction of their own. */
    private Uni<Void> applyFreshFigures(List<Replan> requests) {
        Set<String> skus = new TreeSet<>();
        requests.forEach(replan -> replan.refused().order().lines().forEach(line -> skus.add(line.sku())));
        return figures.of(skus).chain(fresh -> TransientConflicts.retried("fresh figures of " + skus,
                () -> readModel.applyFresh(fresh)));
    }
}
