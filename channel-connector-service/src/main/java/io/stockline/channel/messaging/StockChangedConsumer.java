package io.stockline.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;

/**
 * Reads inventory.stock-changed into the read model and wakes the workers of the channels whose quantity changed;
 * a record it cannot read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class StockChangedConsumer {

    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final ObjectMapper json;

    public StockChangedConsumer(ChannelSyncService sync, ChannelWorkers workers, ObjectMapper json) {
        this.sync = sync;
        this.workers = workers;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(String payload) throws Exception {
        StockChanged event = json.readValue(payload, StockChanged.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku or location: " + payload);
        }
        return sync.apply(event).invoke(workers::wakeAll).replaceWithVoid();
    }
}
