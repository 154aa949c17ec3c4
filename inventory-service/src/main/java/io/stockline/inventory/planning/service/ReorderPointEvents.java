package io.stockline.inventory.planning.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.domain.StoredPolicy;
import io.stockline.inventory.planning.messaging.ReorderPointEvent;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;

/** Writes a changed reorder point to the outbox in the refresh's transaction, so it is published with the change. */
@ApplicationScoped
public class ReorderPointEvents {

    private final Outbox outbox;
    private final String topic;

    public ReorderPointEvents(Outbox outbox, Topics topics) {
        this.outbox = outbox;
        this.topic = topics.reorderPoints();
    }

    public Uni<Void> changed(StoredPolicy stored) {
        UUID eventId = UUID.randomUUID();
        ReorderPointEvent event = new ReorderPointEvent(eventId, stored.sku(), stored.location(),
                stored.policy().reorderPoint(), stored.policy().safetyStock(), stored.computedAt());
        return outbox.add(outbox.event(eventId, ReorderPointEvent.TYPE, topic,
                ReorderPointEvent.key(stored.sku(), stored.location()), event));
    }
}
