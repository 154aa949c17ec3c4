package io.stockline.allocation.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;
import io.stockline.platform.outbox.OutboxEvent;

/**
 * The decisions this service publishes on {@code allocations} (deploy/asyncapi.yaml), key = order id, as outbox
 * events. Each id is derived from the decision (order, type, attempt), so a decision written again after a
 * rolled-back or retried transaction keeps its id and consumers drop the copy.
 */
@ApplicationScoped
public class AllocationEvents {

    public static final String DECIDED_TYPE = "io.stockline.allocation.decided.v1";
    public static final String FAILED_TYPE = "io.stockline.allocation.failed.v1";
    public static final String BACKORDERED_TYPE = "io.stockline.allocation.backordered.v1";

    public record Shipment(String location, UUID reservationId, List<ShipmentLine> lines) {
    }

    public record ShipmentLine(int line, String sku, long quantity) {
    }

    public record AllocationDecided(String orderId, List<Shipment> shipments) {
    }

    public record AllocationFailed(String orderId, String reason) {
    }

    /** Lines (or parts of lines) that wait for stock; the rest of the order, if any, was decided. */
    public record Backordered(String orderId, List<ShipmentLine> lines, String reason) {
    }

    private final Outbox outbox;
    private final String topic;

    public AllocationEvents(Outbox outbox, Topics topics) {
        this.outbox = outbox;
        this.topic = topics.allocations();
    }

    public OutboxEvent decided(AllocationDecided decision, int attempt) {
        return event(decision.orderId(), DECIDED_TYPE, attempt, decision);
    }

    public OutboxEvent failed(AllocationFailed failure, int attempt) {
        return event(failure.orderId(), FAILED_TYPE, attempt, failure);
    }

    public OutboxEvent backordered(Backordered backorder, int attempt) {
        return event(backorder.orderId(), BACKORDERED_TYPE, attempt, backorder);
    }

    /** The CloudEvent id of an order's decision of {@code type} made at {@code attempt}. */
    public static UUID eventId(String orderId, String type, int attempt) {
        return CloudEvents.derivedId(orderId, type, String.valueOf(attempt));
    }

    private OutboxEvent event(String orderId, String type, int attempt, Object data) {
        return outbox.event(eventId(orderId, type, attempt), type, topic, orderId, data);
    }
}
