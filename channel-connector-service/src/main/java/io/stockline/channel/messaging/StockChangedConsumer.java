package io.stockline.channel.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.ChannelWorkers;

/**
 * Reads inventory.stock-changed in batches (one transaction per batch, each SKU recomputed once) into the read
 * model and wakes the workers of the channels whose quantity changed. A record it cannot read goes to
 * {@code <topic>.dlq} unchanged with a {@code dead-letter-reason} header, and the rest of its batch goes on.
 */
@ApplicationScoped
public class StockChangedConsumer {

    static final String REASON_HEADER = "dead-letter-reason";

    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final MutinyEmitter<String> deadLetters;
    private final ObjectMapper json;

    public StockChangedConsumer(ChannelSyncService sync, ChannelWorkers workers,
            @Channel("stock-changed-dlq") MutinyEmitter<String> deadLetters, ObjectMapper json) {
        this.sync = sync;
        this.workers = workers;
        this.deadLetters = deadLetters;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("stock-changed")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<StockChanged> events = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(parse(record.value()));
            } catch (Exception unreadable) {
                dead.add(deadLetter(record, unreadable));
            }
        }
        Uni<Void> deadLettered = dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andFailFast().replaceWithVoid();
        if (events.isEmpty()) {
            return deadLettered;
        }
        return deadLettered.chain(() -> sync.apply(events)
                // A database hiccup: the batch is tried again before it counts as failed (and goes to the DLQ).
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5))
                .invoke(workers::wakeAll).replaceWithVoid();
    }

    private StockChanged parse(String payload) throws Exception {
        if (payload == null) {
            throw new IllegalArgumentException("stock-changed record without a value");
        }
        StockChanged event = json.readValue(payload, StockChanged.class);
        if (event.eventId() == null || event.sku() == null || event.location() == null) {
            throw new IllegalArgumentException("stock-changed event without eventId, sku or location");
        }
        return event;
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, Exception reason) {
        String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        Log.warnf("unreadable record at %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), text);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, text.getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
