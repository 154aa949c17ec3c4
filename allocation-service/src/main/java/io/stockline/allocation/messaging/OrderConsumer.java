package io.stockline.allocation.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.service.AllocationService;

/** Reads orders and inventory.stock-changed; a record it cannot read goes to the dead-letter topic with the reason. */
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
                .orElseThrow(() -> new IllegalArgumentException("an order must be a CloudEvent"));
        if (!OrderPlaced.TYPE.equals(cloudEvent.getType())) {
            Log.debugf("ignoring order event of type %s", cloudEvent.getType());
            return Uni.createFrom().voidItem();
        }
        OrderPlaced order;
        try {
            order = json.readValue(message.getPayload(), OrderPlaced.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + OrderPlaced.TYPE + ": " + e.getMessage(), e);
        }
        if (order.orderId() == null || order.lines() == null || order.lines().isEmpty()) {
            throw new IllegalArgumentException(OrderPlaced.TYPE + " needs orderId and lines");
        }
        UUID eventId = UUID.nameUUIDFromBytes(cloudEvent.getId().getBytes(StandardCharsets.UTF_8));
        // A readable order is never dropped: while inventory or the database are away, it waits and retries.
        return Uni.createFrom().deferred(() -> allocation.onOrderPlaced(eventId, order))
                .onFailure().invoke(failure -> Log.warnf("order %s: %s; retrying", order.orderId(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    @Incoming("stock-changed")
    public Uni<Void> consumeStockChanged(String payload) throws Exception {
        StockChanged event = json.readValue(payload, StockChanged.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku or location: " + payload);
        }
        return allocation.onStockChanged(event);
    }
}
