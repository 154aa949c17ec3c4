package io.stockline.allocation.messaging;

import static io.stockline.platform.events.PoisonRecord.require;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.stockline.allocation.domain.OrderCancelled;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.OrderShipped;
import io.stockline.allocation.saga.OrderAllocationSaga;
import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.Retry;

/**
 * Reads {@code orders}: placed, cancelled and shipped. A record it cannot read goes to {@code orders.dlq} with
 * the reason and the consumer goes on; a readable one is never dropped: while inventory or the database are
 * away it waits and retries.
 */
@ApplicationScoped
public class OrderConsumer {

    private final OrderAllocationSaga saga;
    private final EventReader reader;

    public OrderConsumer(OrderAllocationSaga saga, EventReader reader) {
        this.saga = saga;
        this.reader = reader;
    }

    @Incoming("orders")
    public Uni<Void> consumeOrder(Message<String> message) {
        return Acks.settle(message, () -> handleOrder(message));
    }

    private Uni<Void> handleOrder(Message<String> message) {
        IncomingCloudEventMetadata<?> cloudEvent = CloudEvents.metadata(message);
        UUID eventId = CloudEvents.key(cloudEvent.getId());
        String type = cloudEvent.getType();
        if (OrderPlaced.TYPE.equals(type)) {
            OrderPlaced order = validPlaced(reader.read(message.getPayload(), OrderPlaced.class, type));
            return Retry.untilApplied("order " + order.orderId(), () -> saga.onOrderPlaced(eventId, order));
        }
        if (OrderCancelled.TYPE.equals(type)) {
            OrderCancelled cancel = reader.read(message.getPayload(), OrderCancelled.class, type);
            require(cancel.orderId() != null && !cancel.orderId().isBlank(), type + " needs orderId");
            return Retry.untilApplied("order " + cancel.orderId(), () -> saga.onOrderCancelled(eventId, cancel));
        }
        if (OrderShipped.TYPE.equals(type)) {
            OrderShipped shipped = validShipped(reader.read(message.getPayload(), OrderShipped.class, type));
            return Retry.untilApplied("order " + shipped.orderId(), () -> saga.onOrderShipped(eventId, shipped));
        }
        Log.debugf("ignoring order event of type %s", type);
        return Uni.createFrom().voidItem();
    }

    private static OrderPlaced validPlaced(OrderPlaced order) {
        require(order.orderId() != null && !order.orderId().isBlank() && order.orderId().length() <= 100,
                OrderPlaced.TYPE + " needs orderId (at most 100 characters)");
        require(order.lines() != null && !order.lines().isEmpty(), OrderPlaced.TYPE + " needs lines");
        Set<Integer> numbers = new HashSet<>();
        for (OrderPlaced.Line line : order.lines()) {
            require(line != null && line.sku() != null && !line.sku().isBlank(), "every line needs a sku");
            require(line.quantity() > 0, "line " + line.line() + ": quantity must be at least 1");
            require(line.line() >= 0 && numbers.add(line.line()), "line numbers must be unique and not negative");
        }
        if (order.shipTo() != null && order.shipTo().latitude() != null) {
            require(Math.abs(order.shipTo().latitude()) <= 90, "shipTo.latitude must be within -90..90");
        }
        if (order.shipTo() != null && order.shipTo().longitude() != null) {
            require(Math.abs(order.shipTo().longitude()) <= 180, "shipTo.longitude must be within -180..180");
        }
        return order;
    }

    private static OrderShipped validShipped(OrderShipped shipped) {
        require(shipped.orderId() != null && !shipped.orderId().isBlank(), OrderShipped.TYPE + " needs orderId");
        require(shipped.shipments() != null && !shipped.shipments().isEmpty()
                && shipped.shipments().stream().allMatch(parcel -> parcel != null && parcel.location() != null),
                OrderShipped.TYPE + " needs shipments, each with a location");
        return shipped;
    }
}
