package io.stockline.allocation.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.stockline.allocation.domain.LocationChanged;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.service.ReadModelService;
import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.DeadLetters;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;
import io.stockline.platform.events.StockNumbers;

/**
 * Reads inventory.stock-changed (in batches) and inventory.locations into the read models. An unreadable record goes to
 * the topic's DLQ; a readable one waits out a database fault (retried with back-off) rather than be dead-lettered.
 */
@ApplicationScoped
public class InventoryConsumer {

    private final ReadModelService readModel;
    private final EventReader reader;
    private final DeadLetters deadLetters;

    public InventoryConsumer(ReadModelService readModel, EventReader reader,
            @Channel("stock-changed-dlq") MutinyEmitter<String> deadLetters) {
        this.readModel = readModel;
        this.reader = reader;
        this.deadLetters = new DeadLetters(deadLetters::sendMessage);
    }

    /**
     * A poll of stock changes: each record read on its own (an unreadable one goes to the dead-letter topic with the
     * reason, the others go on), the readable ones applied in one transaction ({@link
     * ReadModelService#onStockChangedAll}), waiting out a database fault; a batch refused for one record's sake (a
     * version leap) is applied record by record, so only that record goes to the dead-letter topic. Acknowledged once
     * all of it is applied or dead-lettered.
     */
    @Incoming("stock-changed")
    public Uni<Void> consumeStockChanged(KafkaRecordBatch<String, String> batch) {
        DeadLetters.Read<ReadModelService.Identified> read = deadLetters.read(CloudEvents.records(batch), StockChanged.TYPE,
                this::read);
        List<ReadModelService.Identified> events = read.events();
        Uni<Void> applied = events.isEmpty() ? Uni.createFrom().voidItem()
                : Retry.untilApplied("stock-changed batch of " + events.size(), () -> readModel.onStockChangedAll(events))
                        .onFailure(PoisonRecord.class).recoverWithUni(refused -> deadLetters.oneByOne(read.records(), events,
                                event -> "stock of " + event.event().sku() + " at " + event.event().location(),
                                event -> readModel.onStockChanged(event.eventId(), event.event())));
        return Uni.join().all(read.deadLettered(), applied).andFailFast()
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? batch.ack() : batch.nack(failure)));
    }

    private ReadModelService.Identified read(ConsumerRecord<String, String> record) {
        StockChanged event = reader.read(record.value(), StockChanged.class, StockChanged.TYPE);
        PoisonRecord.require(event.sku() != null && event.location() != null,
                StockChanged.TYPE + " without sku or location");
        StockNumbers.require(event.version(), event.available(), null, null);
        UUID eventId = event.eventId() != null ? event.eventId() : CloudEvents.key(CloudEvents.id(record));
        return new ReadModelService.Identified(eventId, event);
    }

    @Incoming("locations")
    public Uni<Void> consumeLocation(Message<String> message) {
        return Acks.settle(message, () -> {
            String type = message.getMetadata(IncomingCloudEventMetadata.class)
                    .map(IncomingCloudEventMetadata::getType).orElse(LocationChanged.TYPE);
            if (!LocationChanged.TYPE.equals(type)) {
                Log.debugf("ignoring location event of type %s", type);
                return Uni.createFrom().voidItem();
            }
            LocationChanged event = reader.read(message.getPayload(), LocationChanged.class, type);
            PoisonRecord.require(event.code() != null && !event.code().isBlank() && event.revision() != null,
                    type + " without code or revision");
            UUID eventId = event.eventId() != null ? event.eventId() : eventIdOf(message, type);
            return Retry.untilApplied("location " + event.code(),
                    () -> readModel.onLocationChanged(eventId, event.toLocation(), event.revision()));
        });
    }

    /** The processed-event key of an event whose data carries no id: its CloudEvent id. */
    private static UUID eventIdOf(Message<String> message, String type) {
        return message.getMetadata(IncomingCloudEventMetadata.class).map(ce -> CloudEvents.key(ce.getId()))
                .orElseThrow(() -> new PoisonRecord(type + " without eventId"));
    }
}
