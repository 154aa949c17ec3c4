package io.stockline.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;

/** Reads inventory.stock-changed; a record it cannot read goes to the dead-letter topic with the reason. */
@ApplicationScoped
public class StockChangedConsumer {

    private final ChannelSyncService sync;
    private final ObjectMapper json;

    public StockChangedConsumer(ChannelSyncService sync, ObjectMapper json) {
        this.sync = sync;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(String payload) throws Exception {
        StockChanged event = json.readValue(payload, StockChanged.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku or location: " + payload);
        }
        return sync.apply(event).chain(quantity -> quantity == null ? Uni.createFrom().voidItem()
                : sync.push(event.sku(), quantity));
    }
}
