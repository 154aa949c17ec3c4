package io.stockline.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;

/**
 * Reads inventory.items (ItemChangedV1): a discontinued item is pushed as 0 to every channel. A record it cannot
 * read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ItemChangedConsumer {

    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final ObjectMapper json;

    public ItemChangedConsumer(ChannelSyncService sync, ChannelWorkers workers, ObjectMapper json) {
        this.sync = sync;
        this.workers = workers;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("items")
    public Uni<Void> consume(String payload) throws Exception {
        ItemChanged event = json.readValue(payload, ItemChanged.class);
        if (event.eventId() == null || event.sku() == null || event.status() == null) {
            throw new IllegalArgumentException("item-changed event without eventId, sku or status: " + payload);
        }
        return sync.apply(event).invoke(workers::wakeAll).replaceWithVoid();
    }
}
