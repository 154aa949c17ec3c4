package io.stockline.alert.messaging;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.stockline.alert.domain.DeadLetter;
import io.stockline.alert.service.DeadLetterService;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.DeadLetters;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;

/**
 * Reads every dead-letter topic (channel dead-letters: a topic pattern, {@code stockline.alerts.dead-letter-topics}).
 * Nothing of a dead-letter record has to be readable: its payload is not read at all, and a missing or unreadable
 * header is just "unknown"; header text is made storable first ({@link DeadLetter}). The record is identified by
 * topic, partition and offset. A failure is retried with back-off (Retry.untilApplied), and the channel's failure
 * strategy is {@code ignore}: a dead-letter record is never dead-lettered again, so one refused all the same is
 * counted without its headers ({@link #applyAlways}).
 */
@ApplicationScoped
public class DeadLetterConsumer {

    static final String TYPE_HEADER = "ce_type";

    private final DeadLetterService deadLetters;

    public DeadLetterConsumer(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Incoming("dead-letters")
    public Uni<Void> consume(Message<?> message) {
        return Acks.settle(message, () -> {
            IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow();
            DeadLetter letter = new DeadLetter(record.getTopic(), header(record.getHeaders(), DeadLetters.REASON_HEADER),
                    header(record.getHeaders(), TYPE_HEADER));
            UUID recordId = UUID.nameUUIDFromBytes(("dead-letter:%s:%d:%d".formatted(record.getTopic(),
                    record.getPartition(), record.getOffset())).getBytes(StandardCharsets.UTF_8));
            return applyAlways("dead letter %s-%d@%d".formatted(record.getTopic(), record.getPartition(),
                    record.getOffset()), letter, applied -> deadLetters.onDeadLetter(recordId, applied));
        });
    }

    /**
     * Applies the record until it is applied (Retry.untilApplied: infrastructure faults are waited out). Refused as a
     * poison record all the same, it is applied again without what its headers said: with failure strategy
     * {@code ignore} a nack drops it, and a dead letter nobody counts is the one the operators most need to hear of.
     * The failed attempt's transaction was rolled back, so the record is still new to the second.
     */
    static Uni<Void> applyAlways(String what, DeadLetter letter, Function<DeadLetter, Uni<Void>> apply) {
        return Retry.untilApplied(what, () -> apply.apply(letter))
                .onFailure(PoisonRecord.class).recoverWithUni(poison -> {
                    Log.warnf("%s: refused with its headers (%s); counted with reason %s", what, poison.getMessage(),
                            DeadLetter.UNKNOWN_REASON);
                    DeadLetter bare = letter.withoutHeaders();
                    return Retry.untilApplied(what, () -> apply.apply(bare))
                            .onFailure(PoisonRecord.class).invoke(again -> Log.errorf(again,
                                    "%s: refused without its headers too; it is not counted", what));
                });
    }

    /** The latest value of a header as UTF-8 text; null when absent, empty or not text. */
    static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header.value())).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
