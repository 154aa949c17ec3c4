package io.stockline.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/** The CloudEvent attributes consumers key on, and the ids producers derive so that a retried event keeps its id. */
public final class CloudEvents {

    private CloudEvents() {
    }

    /** The record's CloudEvent metadata; a record without it is poison. */
    public static IncomingCloudEventMetadata<?> metadata(Message<?> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new PoisonRecord("not a CloudEvent (no ce_id, ce_type, ce_source, ce_specversion)"));
    }

    /**
     * Whether the record is a CloudEvent of a type other than {@code type}: the contract says a consumer ignores types
     * it does not know (the fuzz tests found consumers reading them as their own). A plain record without CloudEvent
     * headers is not "other": topics whose consumers read plain records read it as {@code type}.
     */
    public static boolean isOtherType(Message<?> message, String type) {
        return message.getMetadata(IncomingCloudEventMetadata.class).map(ce -> !type.equals(ce.getType())).orElse(false);
    }

    /**
     * {@link #isOtherType(Message, String)} for a record of a batch consumer, read from its binary-mode {@code ce_type}
     * header.
     */
    public static boolean isOtherType(ConsumerRecord<?, ?> record, String type) {
        String recordType = header(record, "ce_type");
        return recordType != null && !type.equals(recordType);
    }

    /** The record's binary-mode CloudEvent id ({@code ce_id} header), null when it has none. */
    public static String id(ConsumerRecord<?, ?> record) {
        return header(record, "ce_id");
    }

    /** A poll's records, as a batch consumer ({@code batch=true}) receives them. */
    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> records(KafkaRecordBatch<K, V> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(metadata -> (ConsumerRecords<K, V>) metadata.getRecords())
                .orElseThrow(() -> new IllegalStateException("a batch of records without its Kafka records"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The processed-event key of a CloudEvent id: the id itself when it is a UUID (ours are), else a name-based UUID
     * of it, so any producer's id can be recorded.
     */
    public static UUID key(String cloudEventId) {
        PoisonRecord.require(cloudEventId != null && !cloudEventId.isBlank(), "CloudEvent without an id");
        try {
            return UUID.fromString(cloudEventId);
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(cloudEventId.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A stable event id for an event that stands for {@code parts} (e.g. a decision of one order at one attempt). */
    public static UUID derivedId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
    }
}
