package io.stockline.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * For batch consumers, which dead-letter one record of a batch themselves: the record unchanged, its headers kept,
 * with the {@code dead-letter-reason} header that SmallRye's own dead-letter strategy also sets. A poll is read with
 * {@link #read} (the unreadable records sent here, the others go on) and a batch refused for one record's sake applied
 * again with {@link #oneByOne}, so only that record is sent here.
 * <p>
 * An instance sends each record once per process. A batch consumer commits a poll only once its readable records are
 * applied, so while the database is away a rebalance hands the same records out again, the unreadable one among them;
 * it goes to the dead-letter topic once, not once per delivery (DatabaseOutageIT met a rebalance at start-up and found
 * the poison twice). The latest {@value #REMEMBERED} records sent are remembered.
 */
public final class DeadLetters {

    public static final String REASON_HEADER = "dead-letter-reason";
    public static final int REMEMBERED = 10_000;

    private final Function<Message<String>, Uni<Void>> topic;
    private final Set<String> sent;
    private final Duration firstBackOff;
    private final Duration maxBackOff;

    /** @param topic sends to the dead-letter topic, for example an emitter's {@code sendMessage} */
    public DeadLetters(Function<Message<String>, Uni<Void>> topic) {
        this(topic, REMEMBERED);
    }

    DeadLetters(Function<Message<String>, Uni<Void>> topic, int remembered) {
        this(topic, remembered, Retry.FIRST, Retry.MAX);
    }

    DeadLetters(Function<Message<String>, Uni<Void>> topic, int remembered, Duration firstBackOff, Duration maxBackOff) {
        this.topic = topic;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
        this.sent = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        }));
    }

    /**
     * Sends the record to the dead-letter topic, unless this instance did already (a redelivery). A send that fails
     * (the broker away, a timeout, too few replicas) is tried again with back-off until it is taken: the batch the
     * record came in must not fail for it, since a failed batch is nacked whole and its readable records would follow
     * it to the dead-letter topic unapplied. Cancelled (the consumer stopping), the record is forgotten, so its next
     * delivery sends it.
     */
    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
        String delivered = coordinates(record);
        if (!sent.add(delivered)) {
            Log.infof("%s was dead-lettered already; delivered again (a rebalance), it is not sent twice", delivered);
            return Uni.createFrom().voidItem();
        }
        Message<String> message = of(record, reason);
        return Uni.createFrom().deferred(() -> topic.apply(message))
                .onFailure().invoke(failure -> Log.warnf("%s could not be dead-lettered: %s; retrying", delivered,
                        failure.toString()))
                .onFailure().retry().withBackOff(firstBackOff, maxBackOff).indefinitely()
                .onCancellation().invoke(() -> sent.remove(delivered));
    }

    /**
     * A poll's records of one event type, read: those of other types are skipped, as the contract says; each unreadable
     * one (the reader throws {@link PoisonRecord}) is sent to the dead-letter topic when the answer's
     * {@code deadLettered} is subscribed, and the poll's other records go on.
     *
     * @param reader the record's event, or a {@link PoisonRecord} saying why it cannot be read
     */
    public <E> Read<E> read(Iterable<ConsumerRecord<String, String>> records, String type,
            Function<ConsumerRecord<String, String>, E> reader) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<E> events = new ArrayList<>();
        List<Uni<Void>> sending = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (CloudEvents.isOtherType(record, type)) {
                continue;
            }
            try {
                events.add(reader.apply(record));
                readable.add(record);
            } catch (PoisonRecord unreadable) {
                sending.add(send(record, unreadable));
            }
        }
        Uni<Void> deadLettered = sending.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sending).andFailFast().replaceWithVoid();
        return new Read<>(readable, events, deadLettered);
    }

    /** A poll read: its readable records and their events, in the poll's order, and the unreadable ones' sending. */
    public record Read<E>(List<ConsumerRecord<String, String>> records, List<E> events, Uni<Void> deadLettered) {
    }

    /**
     * A batch refused for one record's sake, applied record by record in order: each waits out infrastructure faults
     * ({@link Retry#untilApplied}), and only a record refused as a {@link PoisonRecord} goes to the dead-letter topic,
     * its batch-mates applied.
     *
     * @param records the batch's records, {@code events} theirs at the same index
     * @param what names an event in the retry's log
     */
    public <E> Uni<Void> oneByOne(List<ConsumerRecord<String, String>> records, List<E> events,
            Function<E, String> what, Function<E, Uni<?>> apply) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            E event = events.get(i);
            chain = chain.chain(() -> Retry.untilApplied(what.apply(event), () -> apply.apply(event).replaceWithVoid())
                    .onFailure(PoisonRecord.class).recoverWithUni(poison -> send(record, poison)));
        }
        return chain;
    }

    /**
     * The same record delivered again: the same place, time and value. The offset alone is not enough, since a topic
     * made again (as tests do) reuses its offsets.
     */
    static String coordinates(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " " + record.timestamp() + " "
                + Objects.hashCode(record.value());
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
