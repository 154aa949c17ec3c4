package io.stockline.alert.service;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.LowStockRule;
import io.stockline.alert.domain.StockChanged;
import io.stockline.alert.messaging.AlertPublisher;
import io.stockline.alert.repository.StockStateRepository;

/** Watches stock crossings and raises an alert once per crossing. */
@ApplicationScoped
public class AlertService {

    private final StockStateRepository state;
    private final AlertPublisher publisher;
    private final LowStockRule lowStock;

    public AlertService(StockStateRepository state, AlertPublisher publisher,
            @ConfigProperty(name = "stockline.alerts.low-stock-threshold") long lowStockThreshold) {
        this.state = state;
        this.publisher = publisher;
        this.lowStock = new LowStockRule(lowStockThreshold);
    }

    /**
     * Applies the event once; a duplicate or stale one changes nothing. The alert is published before the
     * transaction commits, so a failure redelivers the event rather than losing the alert.
     */
    @WithTransaction
    public Uni<Void> onStockChanged(StockChanged event) {
        return state.markProcessed(event)
                .chain(fresh -> fresh ? state.lockIfNewer(event) : Uni.createFrom().nullItem())
                .chain(previous -> previous == null ? Uni.createFrom().voidItem() : apply(event, previous));
    }

    /** The same event raises the same alert id, so a redelivery after a failed commit is recognisably a repeat. */
    private static UUID alertId(StockChanged event, String kind) {
        return UUID.nameUUIDFromBytes((kind + ":" + event.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    private Uni<Void> apply(StockChanged event, StockStateRepository.Previous previous) {
        return switch (lowStock.transition(previous.lowStockOpen(), event.available())) {
            case OPEN -> {
                Alert alert = new Alert(alertId(event, Alert.LOW_STOCK), Alert.LOW_STOCK, event.sku(), event.location(),
                        event.available(), lowStock.threshold(), OffsetDateTime.now(ZoneOffset.UTC));
                yield state.update(event, true).chain(() -> state.insert(alert)).chain(() -> publisher.publish(alert));
            }
            case RESOLVE -> state.update(event, false);
            case NONE -> state.update(event, previous.lowStockOpen());
        };
    }
}
