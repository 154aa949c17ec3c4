package io.stockline.allocation.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.stockline.allocation.domain.LocationChanged;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.service.ReadModelService;

/** Reads inventory.stock-changed and inventory.locations into the read models; unreadable records go to the DLQ. */
@ApplicationScoped
public class InventoryConsumer {

    private final ReadModelService readModel;
    private final ObjectMapper json;

    public InventoryConsumer(ReadModelService readModel, ObjectMapper json) {
        this.readModel = readModel;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("stock-changed")
    public Uni<Void> consumeStockChanged(String payload) throws Exception {
        StockChanged event = json.readValue(payload, StockChanged.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku or location: " + payload);
        }
        return readModel.onStockChanged(event);
    }

    @Incoming("locations")
    public Uni<Void> consumeLocation(Message<String> message) {
        return Uni.createFrom().item(() -> message)
                .chain(this::handleLocation)
                .onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    private Uni<Void> handleLocation(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse(LocationChanged.TYPE);
        if (!LocationChanged.TYPE.equals(type)) {
            Log.debugf("ignoring location event of type %s", type);
            return Uni.createFrom().voidItem();
        }
        LocationChanged event;
        try {
            event = json.readValue(message.getPayload(), LocationChanged.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + LocationChanged.TYPE + ": " + e.getMessage(), e);
        }
        if (event.code() == null || event.code().isBlank() || event.revision() == null) {
            throw new IllegalArgumentException("location-changed event without code or revision");
        }
        UUID eventId = event.eventId() != null ? event.eventId()
                : message.getMetadata(IncomingCloudEventMetadata.class)
                        .map(ce -> UUID.nameUUIDFromBytes(ce.getId().getBytes(StandardCharsets.UTF_8)))
                        .orElseThrow(() -> new IllegalArgumentException("location-changed event without eventId"));
        return readModel.onLocationChanged(eventId, event.toLocation(), event.revision());
    }
}
