package io.stockline.alert.messaging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.StockChanged;
import io.stockline.alert.service.AlertService;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;
import io.stockline.platform.events.StockNumbers;

/**
 * Reads inventory.stock-changed. Only a record it cannot read (a {@link PoisonRecord}) goes to the dead-letter
 * topic with the reason; a readable one whose processing fails (the database away, say) is retried with back-off
 * until it is applied, since a readable event must not be lost to a passing fault.
 */
@ApplicationScoped
public class StockChangedConsumer {

    static final String TYPE = EventTypes.STOCK_CHANGED;

    private final AlertService alerts;
    private final EventReader reader;

    public StockChangedConsumer(AlertService alerts, EventReader reader) {
        this.alerts = alerts;
        this.reader = reader;
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(Message<String> message) {
        // a type it does not know is ignored, as the contract says (the fuzz tests found one read as its own)
        return Acks.settle(message, TYPE, () -> {
            StockChanged event = read(message.getPayload());
            return Retry.untilApplied("stock-changed " + event.eventId() + " for " + event.sku() + "@" + event.location(),
                    () -> alerts.onStockChanged(event));
        });
    }

    /** The fields of io.stockline.inventory.stock-changed.v1 this service reads, as sent (anything may be missing). */
    record StockChangedV1(UUID eventId, String sku, String location, Long version, Long available, Long onHand,
            Long committed, List<LotV1> lots) {
    }

    record LotV1(String lot, LocalDate expiresOn, Long quantity) {
    }

    StockChanged read(String payload) {
        StockChangedV1 event = reader.read(payload, StockChangedV1.class, TYPE);
        PoisonRecord.require(event.eventId() != null && event.sku() != null && event.location() != null
                && event.version() != null && event.available() != null,
                "stock-changed event without eventId, sku, location, version or available");
        StockNumbers.require(event.version(), event.available(), event.onHand(), event.committed());
        List<StockChanged.Lot> lots = null;
        if (event.lots() != null) {
            lots = new ArrayList<>();
            for (LotV1 lot : event.lots()) {
                PoisonRecord.require(lot != null && lot.lot() != null && !lot.lot().isEmpty() && lot.quantity() != null,
                        "stock-changed event with a lot without its name or quantity");
                StockNumbers.requireLot(lot.quantity());
                lots.add(new StockChanged.Lot(lot.lot(), lot.expiresOn(), lot.quantity()));
            }
        }
        return new StockChanged(event.eventId(), event.sku(), event.location(), event.version(), event.available(), lots);
    }
}
