package io.stockline.inventory.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;



import io.smallrye.mutiny.Uni;
import io.stockline.inventory.messaging.ItemChangedEvent;
import io.stockline.inventory.messaging.LocationChangedEvent;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.Location;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;

/** Writes item and location changes to the outbox in the caller's transaction, so they are published with the change. */
@ApplicationScoped
public class CatalogEvents {

    private final Outbox outbox;
    private final String itemsTopic;
    private final String locationsTopic;

    public CatalogEvents(Outbox outbox, Topics topics) {
        this.outbox = outbox;
        this.itemsTopic = topics.items();
        this.locationsTopic = topics.locations();
    }

    public Uni<Void> itemChanged(Item item) {
        UUID eventId = UUID.randomUUID();
        return add(eventId, ItemChangedEvent.TYPE, itemsTopic, item.sku, ItemChangedEvent.of(eventId, item));
    }

    public Uni<Void> locationChanged(Location location) {
        UUID eventId = UUID.randomUUID();
        return add(eventId, LocationChangedEvent.TYPE, locationsTopic, location.code,
                LocationChangedEvent.of(eventId, location));
    }

    private Uni<Void> add(UUID eventId, String type, String topic, String key, Object event) {
        return outbox.add(outbox.event(eventId, type, topic, key, event));
    }
}
