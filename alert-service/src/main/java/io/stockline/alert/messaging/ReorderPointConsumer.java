package io.stockline.alert.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.ReorderPoint;
import io.stockline.alert.service.AlertService;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;

/**
 * Reads inventory.reorder-points. Only a record it cannot read (a {@link PoisonRecord}) goes to the dead-letter topic
 * with the reason; a readable one whose processing fails is retried with back-off until it is applied.
 */
@ApplicationScoped
public class ReorderPointConsumer {

    static final String TYPE = EventTypes.REORDER_POINT;

    private final AlertService alerts;
    private final EventReader reader;

    public ReorderPointConsumer(AlertService alerts, EventReader reader) {
        this.alerts = alerts;
        this.reader = reader;
    }

    @Incoming("reorder-points")
    public Uni<Void> consume(Message<String> message) {
        // a type it does not know is ignored, as the contract says (the fuzz tests found one read as its own)
        return Acks.settle(message, TYPE, () -> {
            ReorderPoint event = read(message.getPayload());
            return Retry.untilApplied("reorder-point " + event.eventId() + " for " + event.sku() + "@" + event.location(),
                    () -> alerts.onReorderPoint(event));
        });
    }

    /** The fields of io.stockline.inventory.reorder-point.v1 this service reads, as sent (anything may be missing). */
    record ReorderPointV1(UUID eventId, String sku, String location, Long reorderPoint, Double safetyStock,
            OffsetDateTime computedAt) {
    }

    ReorderPoint read(String payload) {
        ReorderPointV1 event = reader.read(payload, ReorderPointV1.class, TYPE);
        PoisonRecord.require(event.eventId() != null && event.sku() != null && event.location() != null
                && event.reorderPoint() != null && event.computedAt() != null,
                "reorder-point event without eventId, sku, location, reorderPoint or computedAt");
        PoisonRecord.require(event.reorderPoint() >= 0, "reorder-point event with a negative reorderPoint");
        return new ReorderPoint(event.eventId(), event.sku(), event.location(), event.reorderPoint(),
                event.safetyStock() == null ? 0 : event.safetyStock(), event.computedAt());
    }
}
