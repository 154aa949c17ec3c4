package io.stockline.allocation.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.stockline.allocation.domain.LocationChanged;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.service.ReadModelService;
import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;
import io.stockline.platform.events.StockNumbers;

/**
 * Reads inventory.stock-changed and inventory.locations into the read models. An unreadable record goes to the
 * topic's DLQ; a readable one waits out a database fault (retried with back-off) rather than be dead-lettered.
 */
@ApplicationScoped
public class InventoryConsumer {

    private final ReadModelService readModel;
    private final EventReader reader;

    public InventoryConsumer(ReadModelService readModel, EventReader reader) {
        this.readModel = readModel;
        this.reader = reader;
    }

    @Incoming("stock-changed")
    public Uni<Void> consumeStockChanged(Message<String> message) {
        return Acks.settle(message, StockChanged.TYPE, () -> {
            StockChanged event = reader.read(message.getPayload(), StockChanged.class, StockChanged.TYPE);
            PoisonRecord.require(event.sku() != null && event.location() != null,
                    StockChanged.TYPE + " without sku or location");
            StockNumbers.require(event.version(), event.available(), null, null);
            UUID eventId = event.eventId() != null ? event.eventId() : eventIdOf(message, StockChanged.TYPE);
            return Retry.untilApplied("stock of " + event.sku() + " at " + event.location(),
                    () -> readModel.onStockChanged(eventId, event));
        });
    }

    @Incoming("locations")
    public Uni<Void> consumeLocation(Message<String> message) {
        return Acks.settle(message, () -> {
            String type = message.getMetadata(IncomingCloudEventMetadata.class)
                    .map(IncomingCloudEventMetadata::getType).orElse(LocationChanged.TYPE);
            if (!LocationChanged.TYPE.equals(type)) {
                Log.debugf("ignoring location event of type %s", type);
                return Uni.createFrom().voidItem();
            }
            LocationChanged event = reader.read(message.getPayload(), LocationChanged.class, type);
            PoisonRecord.require(event.code() != null && !event.code().isBlank() && event.revision() != null,
                    type + " without code or revision");
            UUID eventId = event.eventId() != null ? event.eventId() : eventIdOf(message, type);
            return Retry.untilApplied("location " + event.code(),
                    () -> readModel.onLocationChanged(eventId, event.toLocation(), event.revision()));
        });
    }

    /** The processed-event key of an event whose data carries no id: its CloudEvent id. */
    private static UUID eventIdOf(Message<String> message, String type) {
        return message.getMetadata(IncomingCloudEventMetadata.class).map(ce -> CloudEvents.key(ce.getId()))
                .orElseThrow(() -> new PoisonRecord(type + " without eventId"));
    }
}
