package io.stockline.allocation.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.stockline.allocation.domain.OrderCancelled;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.OrderShipped;
import io.stockline.allocation.service.AllocationService;

/**
 * Reads {@code orders}: placed, cancelled and shipped. A record it cannot read goes to {@code orders.dlq} with
 * the reason and the consumer goes on; a readable one is never dropped: while inventory or the database are
 * away it waits and retries.
 */
@ApplicationScoped
public class OrderConsumer {

    private final AllocationService allocation;
    private final ObjectMapper json;

    public OrderConsumer(AllocationService allocation, ObjectMapper json) {
        this.allocation = allocation;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("orders")
    public Uni<Void> consumeOrder(Message<String> message) {
        return Uni.createFrom().item(() -> message)
                .chain(this::handleOrder)
                .onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    private Uni<Void> handleOrder(Message<String> message) {
        IncomingCloudEventMetadata<?> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("an order event must be a CloudEvent"));
        UUID eventId = UUID.nameUUIDFromBytes(cloudEvent.getId().getBytes(StandardCharsets.UTF_8));
        String type = cloudEvent.getType();
        if (OrderPlaced.TYPE.equals(type)) {
            OrderPlaced order = validPlaced(read(message.getPayload(), OrderPlaced.class, type));
            return retried(order.orderId(), () -> allocation.onOrderPlaced(eventId, order));
        }
        if (OrderCancelled.TYPE.equals(type)) {
            OrderCancelled cancel = read(message.getPayload(), OrderCancelled.class, type);
            require(cancel.orderId() != null && !cancel.orderId().isBlank(), type + " needs orderId");
            return retried(cancel.orderId(), () -> allocation.onOrderCancelled(eventId, cancel));
        }
        if (OrderShipped.TYPE.equals(type)) {
            OrderShipped shipped = validShipped(read(message.getPayload(), OrderShipped.class, type));
            return retried(shipped.orderId(), () -> allocation.onOrderShipped(eventId, shipped));
        }
        Log.debugf("ignoring order event of type %s", type);
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> retried(String orderId, Supplier<Uni<Void>> work) {
        return Uni.createFrom().<Void>deferred(work::get)
                .onFailure().invoke(failure -> Log.warnf("order %s: %s; retrying", orderId, failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private <T> T read(String payload, Class<T> type, String eventType) {
        try {
            T value = json.readValue(payload, type);
            require(value != null, "empty " + eventType);
            return value;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + eventType + ": " + e.getMessage(), e);
        }
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

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
