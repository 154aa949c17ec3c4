package io.stockline.allocation.messaging;

import static io.stockline.platform.events.PoisonRecord.require;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.quarkus.logging.Log;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.allocation.domain.OrderCancelled;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.OrderShipped;
import io.stockline.allocation.saga.OrderAllocationSaga;
import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.Retry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Reads {@code orders}: placed, cancelled and shipped. A record it cannot read goes to {@code orders.dlq} with
 * the reason and the consumer goes on; a readable one is never dropped: while inventory or the database are
 * away it waits and retries.
 *
 * <p>Orders of different ids are independent, so up to {@code stockline.allocation.orders-in-flight} are worked on
 * at once. Records are spread over that many lanes by their key (the order id, as the contract says), and each lane
 * takes its records one after another, so an order's placed is finished before its cancelled or shipped starts, as
 * the topic ordered them. Acks come out of order; the connector's throttled commit strategy (the default with a
 * group id) commits a partition's offset only once every record before it is settled.
 */
@ApplicationScoped
public class OrderConsumer {

    /**
     * The group-by's prefetch is one buffer for every lane: records waiting behind a busy lane's order hold their
     * place in it, so with one place per lane (as before) a few busy lanes left the others with nothing to work on.
     */
    private static final int RECORDS_AHEAD_PER_LANE = 8;

    private final OrderAllocationSaga saga;
    private final EventReader reader;
    private final int lanes;

    public OrderConsumer(OrderAllocationSaga saga, EventReader reader, AllocationConfig config) {
        this.saga = saga;
        this.reader = reader;
        this.lanes = config.ordersInFlight();
    }

    /**
     * A lane per slot of concurrency rather than a group per order id: groups are never closed, so one per id would
     * grow without end. Records settle themselves (ack, or nack to the dead-letter topic) and nothing is emitted.
     */
    @Incoming("orders")
    @Outgoing("orders-settled")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<Void>> consumeOrders(Multi<Message<String>> records) {
        return records.group().by(this::lane, (long) lanes * RECORDS_AHEAD_PER_LANE)
                .onItem().transformToMulti(lane -> lane.onItem().transformToUniAndConcatenate(
                        record -> onOwnContext(record, () -> Acks.settle(record, () -> handleOrder(record)))
                                .replaceWith((Message<Void>) null)))
                .merge(lanes);
    }

    /**
     * SmallRye wires a stream transformer only when its outgoing channel has a consumer; every record was settled
     * in {@link #consumeOrders}, and nothing reaches this one.
     */
    @Incoming("orders-settled")
    public void settled(Void nothing) {
        // nothing is emitted
    }

    private int lane(Message<String> record) {
        Object key = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        return key == null ? 0 : Math.floorMod(key.hashCode(), lanes);
    }

    /**
     * Runs a record's work on the record's own Vert.x context: the database session of a transaction lives in the
     * context, so two orders worked on at once must never share one.
     */
    private static Uni<Void> onOwnContext(Message<String> record, Supplier<Uni<Void>> work) {
        Context context = record.getMetadata(LocalContextMetadata.class).map(LocalContextMetadata::context)
                .filter(VertxContext::isDuplicatedContext)
                .orElseGet(() -> VertxContext.createNewDuplicatedContext(Vertx.currentContext()));
        return Uni.createFrom().<Void>deferred(work::get).runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
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
