package io.stockline.platform.events;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * For batch consumers, which dead-letter one record of a batch themselves: the record unchanged, its headers kept,
 * with the {@code dead-letter-reason} header that SmallRye's own dead-letter strategy also sets.
 */
public final class DeadLetters {

    public static final String REASON_HEADER = "dead-letter-reason";

    private DeadLetters() {
    }

    public static Message<String> of(ConsumerRecord<String, String> record, Throwable reason) {
        String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        Log.warnf("unreadable record at %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), text);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, text.getBytes(StandardCharsets.UTF_8));
        return Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build());
    }
}
