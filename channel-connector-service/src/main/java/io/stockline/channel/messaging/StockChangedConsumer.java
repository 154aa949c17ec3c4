package io.stockline.channel.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;
import io.stockline.platform.events.DeadLetters;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;
import io.stockline.platform.outbox.OutboxTrace;

/**
 * Reads inventory.stock-changed in batches (one transaction per batch, each SKU recomputed once) into the read
 * model and wakes the workers of the channels whose quantity changed. A record it cannot read goes to
 * {@code <topic>.dlq} unchanged with a {@code dead-letter-reason} header, and the rest of its batch goes on; a
 * batch that fails for any other cause (the database away) is tried again until it is applied. Each record's
 * W3C {@code traceparent} header (inventory's relay puts the writer's there) goes with its SKU into sync_state, so
 * the marketplace call continues that trace; within a batch the latest record of a SKU wins.
 */
@ApplicationScoped
public class StockChangedConsumer {

    static final String TYPE = EventTypes.STOCK_CHANGED;

    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final MutinyEmitter<String> deadLetters;
    private final EventReader reader;

    public StockChangedConsumer(ChannelSyncService sync, ChannelWorkers workers,
            @Channel("stock-changed-dlq") MutinyEmitter<String> deadLetters, EventReader reader) {
        this.sync = sync;
        this.workers = workers;
        this.deadLetters = deadLetters;
        this.reader = reader;
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<StockChanged> events = new ArrayList<>();
        Map<String, String> traceparents = new HashMap<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                StockChanged event = read(record.value());
                events.add(event);
                OutboxTrace trace = OutboxTrace.fromHeaders(record.headers());
                if (trace.present()) {
                    traceparents.put(event.sku(), trace.traceparent());
                }
            } catch (PoisonRecord unreadable) {
                dead.add(deadLetters.sendMessage(DeadLetters.of(record, unreadable)));
            }
        }
        Uni<Void> deadLettered = dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andFailFast().replaceWithVoid();
        if (events.isEmpty()) {
            return deadLettered;
        }
        return deadLettered.chain(() -> Retry.untilApplied("stock-changed batch of " + events.size(), () -> sync.apply(events, traceparents)))
                .invoke(workers::wakeAll).replaceWithVoid();
    }

    private StockChanged read(String payload) {
        StockChanged event = reader.read(payload, StockChanged.class, TYPE);
        PoisonRecord.require(event.eventId() != null && event.sku() != null && event.location() != null,
                "stock-changed event without eventId, sku or location");
        return event;
    }
}
