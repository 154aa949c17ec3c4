package io.stockline.alert.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.StockChanged;
import io.stockline.alert.service.AlertService;

/** Reads inventory.stock-changed; a record it cannot read goes to the dead-letter topic with the reason. */
@ApplicationScoped
public class StockChangedConsumer {

    private final AlertService alerts;
    private final ObjectMapper json;

    public StockChangedConsumer(AlertService alerts, ObjectMapper json) {
        this.alerts = alerts;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(String payload) throws Exception {
        StockChanged event = json.readValue(payload, StockChanged.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku or location: " + payload);
        }
        return alerts.onStockChanged(event);
    }
}
