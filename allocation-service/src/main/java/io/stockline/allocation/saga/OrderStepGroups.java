package io.stockline.allocation.saga;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.saga.OrderAllocationSteps.Allocation;
import io.stockline.allocation.saga.OrderAllocationSteps.Begin;
import io.stockline.allocation.saga.OrderAllocationSteps.Held;
import io.stockline.allocation.saga.OrderAllocationSteps.Pending;
import io.stockline.platform.gathering.RequestGatherer;
import io.stockline.platform.outbox.OutboxTrace;
import io.stockline.platform.sql.TransientConflicts;
import io.vertx.core.Vertx;

/**
 * The saga's two steps every order takes, begun and allocated, shared by the orders in flight: those that reach a step
 * together are gathered ({@link RequestGatherer}, {@code stockline.allocation.step-group.*}) and the group runs as one
 * transaction of set-based statements ({@link OrderAllocationSteps#beginAll}, {@link OrderAllocationSteps#allocatedAll}),
 * each order still answered on its own: one whose row moved meanwhile changes nothing for the others. Each group runs
 * on a Vert.x context of its own (a session of its own) and again from the start when PostgreSQL aborts it as a
 * deadlock; any other failure of a group fails each of its orders, which wait and retry as one would alone. The
 * guards stay the rows' conditional statements, so instances gathering apart decide nothing twice.
 */
@ApplicationScoped
public class OrderStepGroups {

    private final OrderAllocationSteps steps;
    private final boolean grouped;
    private final RequestGatherer<Begin, Uni<Pending>> begins;
    private final RequestGatherer<Allocation, Uni<Void>> allocations;

    public OrderStepGroups(OrderAllocationSteps steps, AllocationConfig config, Vertx vertx) {
        this.steps = steps;
        AllocationConfig.StepGroup group = config.stepGroup();
        this.grouped = group.maxSize() > 1;
        RequestGatherer.Limits limits = new RequestGatherer.Limits(group.window(), Math.max(1, group.maxSize()),
                Math.max(1, group.maxInFlight()));
        this.begins = new RequestGatherer<>("group of orders begun", vertx, limits,
                requests -> TransientConflicts.retried("group of orders begun", () -> steps.beginAll(requests)));
        this.allocations = new RequestGatherer<>("group of orders allocated", vertx, limits,
                requests -> TransientConflicts.retried("group of orders allocated",
                        () -> steps.allocatedAll(requests)));
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
}
