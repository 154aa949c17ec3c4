package io.stockline.alert.messaging;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.StockChanged;
import io.stockline.alert.service.AlertService;
import io.stockline.alert.service.OutboxRelay;

/** Reads inventory.stock-changed; a record it cannot read goes to the dead-letter topic with the reason. */
@ApplicationScoped
public class StockChangedConsumer {

    private final AlertService alerts;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public StockChangedConsumer(AlertService alerts, OutboxRelay relay, ObjectMapper json) {
        this.alerts = alerts;
        this.relay = relay;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(String payload) throws Exception {
        StockChanged event = read(payload);
        // A failure after the record was read (the database away, say) is retried before the record is given up to
        // the dead-letter topic: a readable event must not be lost to a passing fault.
        return alerts.onStockChanged(event)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onFailure().invoke(failure -> Log.errorf(failure, "stock-changed %s for %s@%s failed", event.eventId(),
                        event.sku(), event.location()))
                .chain(relay::drain);
    }

    /** The fields of io.stockline.inventory.stock-changed.v1 this service reads, as sent (anything may be missing). */
    record StockChangedV1(UUID eventId, String sku, String location, Long version, Long available, List<LotV1> lots) {
    }

    record LotV1(String lot, LocalDate expiresOn, Long quantity) {
    }

    StockChanged read(String payload) throws Exception {
        StockChangedV1 event = json.readValue(payload, StockChangedV1.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null || event.version() == null
                || event.available() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku, location, version or available");
        }
        List<StockChanged.Lot> lots = null;
        if (event.lots() != null) {
            lots = new ArrayList<>();
            for (LotV1 lot : event.lots()) {
                if (lot == null || lot.lot() == null || lot.lot().isEmpty() || lot.quantity() == null) {
                    throw new IllegalArgumentException("stock-changed event with a lot without its name or quantity");
                }
                lots.add(new StockChanged.Lot(lot.lot(), lot.expiresOn(), lot.quantity()));
            }
        }
        return new StockChanged(event.eventId(), event.sku(), event.location(), event.version(), event.available(), lots);
    }
}
