package io.stockline.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;

/**
 * Reads inventory.items (ItemChangedV1): a discontinued item is pushed as 0 to every channel. A record it cannot
 * read goes to the dead-letter topic with the reason; any other failure is tried again until it is applied. A record
 * of another CloudEvent type is ignored, as the contract says (the fuzz tests found one applied as an item change); a
 * plain record without CloudEvent headers is read as an item change.
 */
@ApplicationScoped
public class ItemChangedConsumer {

    static final String TYPE = EventTypes.ITEM_CHANGED;

    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final EventReader reader;

    public ItemChangedConsumer(ChannelSyncService sync, ChannelWorkers workers, EventReader reader) {
        this.sync = sync;
        this.workers = workers;
        this.reader = reader;
    }

    @Incoming("items")
    public Uni<Void> consume(Message<String> message) {
        return Acks.settle(message, TYPE, () -> {
            String payload = message.getPayload();
            ItemChanged event = reader.read(payload, ItemChanged.class, TYPE);
            PoisonRecord.require(event.eventId() != null && event.sku() != null && event.status() != null,
                    "item-changed event without eventId, sku or status: " + payload);
            return Retry.untilApplied("item-changed " + event.eventId(), () -> sync.apply(event))
                    .invoke(workers::wakeAll).replaceWithVoid();
        });
    }
}
