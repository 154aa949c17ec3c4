package io.stockline.channel.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;
import io.stockline.channel.service.PipelineTimings;
import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.events.DeadLetters;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;
import io.stockline.platform.outbox.OutboxTrace;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;

/**
 * Reads inventory.stock-changed in batches into the read model and wakes the workers of the channels whose quantity
 * changed. The polls that come while one group is applied are gathered into the next ({@link BatchGatherer}): one
 * transaction per group, each SKU recomputed once. A group is first applied assuming none of its
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

    /** Records waiting for their group past which a poll is held until its own group is applied (two full polls). */
    static final int MAX_WAITING_RECORDS = 1000;

    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final DeadLetters deadLetters;
    private final EventReader reader;
    private final PipelineTimings timings;
    private final Vertx vertx;
    private volatile BatchGatherer<Polled> gatherer;

    public StockChangedConsumer(ChannelSyncService sync, ChannelWorkers workers,
            @Channel("stock-changed-dlq") MutinyEmitter<String> deadLetters, EventReader reader, PipelineTimings timings,
            Vertx vertx) {
        this.sync = sync;
        this.workers = workers;
        this.deadLetters = new DeadLetters(deadLetters::sendMessage);
        this.reader = reader;
        this.timings = timings;
        this.vertx = vertx;
    }

    /**
     * Takes a poll's records into the {@link BatchGatherer} and acknowledges them once their group is applied (their
     * offsets are committed only then). The next poll is taken at once, so it can join the group after the one being
     * applied, unless {@value #MAX_WAITING_RECORDS} records already wait: then it waits for this one's group.
     */
    @Incoming("stock-changed")
    public Uni<Void> receive(KafkaRecordBatch<String, String> batch) {
        Uni<Void> taken = consume(CloudEvents.records(batch)).memoize().indefinitely();
        taken.subscribe().with(applied -> batch.ack(), failure -> batch.nack(failure));
        return gatherer().full() ? taken.onFailure().recoverWithNull() : Uni.createFrom().voidItem();
    }

    /**
     * Reads a poll's records: the unreadable ones go to the dead-letter topic, the readable ones join the next group
     * to be applied. The answer completes when both are done.
     */
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        DeadLetters.Read<StockChanged> read = deadLetters.read(records, TYPE, record -> read(record.value()));
        if (read.events().isEmpty()) {
            return read.deadLettered();
        }
        Polled polled = new Polled(read.records(), read.events(), new HashMap<>());
        for (int i = 0; i < read.records().size(); i++) {
            OutboxTrace trace = OutboxTrace.fromHeaders(read.records().get(i).headers());
            if (trace.present()) {
                polled.traceparents().put(read.events().get(i).sku(), trace.traceparent());
            }
        }
        return Uni.join().all(read.deadLettered(), gatherer().offer(polled, polled.events().size())).andFailFast()
                .replaceWithVoid();
    }

    /** One poll's readable records, their events and the traceparents of its SKUs (the latest record of a SKU wins). */
    private record Polled(List<ConsumerRecord<String, String>> records, List<StockChanged> events,
            Map<String, String> traceparents) {
    }

    /**
     * Applies a group of polls in one transaction, first assuming none of its events was applied before, and wakes
     * the workers of the channels whose wanted quantities changed.
     */
    private Uni<Void> apply(List<Polled> group) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<StockChanged> events = new ArrayList<>();
        Map<String, String> traceparents = new HashMap<>();
        for (Polled polled : group) {
            readable.addAll(polled.records());
            events.addAll(polled.events());
            traceparents.putAll(polled.traceparents());
        }
        long oldest = readable.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(System.currentTimeMillis());
        long newest = readable.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(oldest);
        return timings.batch(oldest, newest, events.size(), () -> Retry.untilApplied(
                        "stock-changed batch of " + events.size(), () -> sync.applyAssumingNew(events, traceparents)
                                .onFailure(ChannelSyncService.AlreadyApplied.class)
                                .recoverWithUni(redelivered -> sync.apply(events, traceparents))))
                .onFailure(PoisonRecord.class).recoverWithUni(failure -> oneByOne(readable, events, traceparents))
                .invoke(workers::wakeAll).replaceWithVoid();
    }

    private BatchGatherer<Polled> gatherer() {
        BatchGatherer<Polled> current = gatherer;
        if (current == null) {
            synchronized (this) {
                if (gatherer == null) {
                    gatherer = new BatchGatherer<>(((VertxInternal) vertx.getDelegate()).createEventLoopContext(), this::apply,
                            MAX_WAITING_RECORDS);
                }
                current = gatherer;
            }
        }
        return current;
    }

    /**
     * A batch given up by {@link Retry} (not for the infrastructure): each record is applied
     * on its own, so only the one at fault goes to the dead-letter topic and its batch-mates are applied.
     */
    private Uni<Set<String>> oneByOne(List<ConsumerRecord<String, String>> records, List<StockChanged> events,
            Map<String, String> traceparents) {
        Set<String> changed = new TreeSet<>();
        return deadLetters.oneByOne(records, events, event -> "stock-changed " + event.eventId(),
                event -> sync.apply(List.of(event), traceparents.containsKey(event.sku())
                        ? Map.of(event.sku(), traceparents.get(event.sku())) : Map.of()).invoke(changed::addAll))
                .replaceWith(changed);
    }

    private StockChanged read(String payload) {
        StockChanged event = reader.read(payload, StockChanged.class, TYPE);
        PoisonRecord.require(event.eventId() != null && event.sku() != null && event.location() != null,
                "stock-changed event without eventId, sku or location");
        event.requireSensibleNumbers();
        return event;
    }
}
