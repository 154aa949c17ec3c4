package io.stockline.channel.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;
import io.stockline.channel.service.PipelineTimings;
import io.stockline.platform.events.DeadLetters;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;
import io.stockline.platform.outbox.OutboxTrace;

/**
 * Reads inventory.stock-changed in batches (one transaction per batch, each SKU recomputed once) into the read
 * model and wakes the workers of the channels whose quantity changed. A batch is first applied assuming none of its
 * events was applied before (its statements sent together); one holding a redelivered event is rolled back and
 * applied the careful way, which drops that event. A record it cannot read goes to
 * {@code <topic>.dlq} unchanged with a {@code dead-letter-reason} header, and the rest of its batch goes on; a
 * batch that fails for the infrastructure (the database away) is tried again until it is applied; one that fails the
 * same way {@link Retry#ATTEMPTS} times for another cause, or holds a value the database cannot store, is applied
 * record by record, and only the record at fault goes to the DLQ. Each record's
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
    private final PipelineTimings timings;

    public StockChangedConsumer(ChannelSyncService sync, ChannelWorkers workers,
            @Channel("stock-changed-dlq") MutinyEmitter<String> deadLetters, EventReader reader, PipelineTimings timings) {
        this.sync = sync;
        this.workers = workers;
        this.deadLetters = deadLetters;
        this.reader = reader;
        this.timings = timings;
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<StockChanged> events = new ArrayList<>();
        Map<String, String> traceparents = new HashMap<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Header type = record.headers().lastHeader("ce_type");
            if (type != null && type.value() != null && !TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                continue; // a type it does not know is ignored, as the contract says (the fuzz tests found it read)
            }
            try {
                StockChanged event = read(record.value());
                readable.add(record);
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
        long oldest = readable.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(System.currentTimeMillis());
        long newest = readable.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(oldest);
        return deadLettered.chain(() -> timings.batch(oldest, newest, events.size(), () -> Retry.untilApplied(
                        "stock-changed batch of " + events.size(), () -> sync.applyAssumingNew(events, traceparents)
                                .onFailure(ChannelSyncService.AlreadyApplied.class)
                                .recoverWithUni(redelivered -> sync.apply(events, traceparents))))
                .onFailure(PoisonRecord.class).recoverWithUni(failure -> oneByOne(readable, events, traceparents)))
                .invoke(workers::wakeAll).replaceWithVoid();
    }

    /**
     * A batch given up by {@link Retry} (not for the infrastructure): each record is applied
     * on its own, so only the one at fault goes to the dead-letter topic and its batch-mates are applied.
     */
    private Uni<Set<String>> oneByOne(List<ConsumerRecord<String, String>> records, List<StockChanged> events,
            Map<String, String> traceparents) {
        Set<String> changed = new TreeSet<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            StockChanged event = events.get(i);
            Map<String, String> trace = traceparents.containsKey(event.sku())
                    ? Map.of(event.sku(), traceparents.get(event.sku())) : Map.of();
            chain = chain.chain(() -> Retry.untilApplied("stock-changed " + event.eventId(),
                    () -> sync.apply(List.of(event), trace))
                    .invoke(changed::addAll).replaceWithVoid()
                    .onFailure(PoisonRecord.class).recoverWithUni(poison -> deadLetters.sendMessage(
                            DeadLetters.of(record, poison))));
        }
        return chain.replaceWith(changed);
    }

    private StockChanged read(String payload) {
        StockChanged event = reader.read(payload, StockChanged.class, TYPE);
        PoisonRecord.require(event.eventId() != null && event.sku() != null && event.location() != null,
                "stock-changed event without eventId, sku or location");
        event.requireSensibleNumbers();
        return event;
    }
}
