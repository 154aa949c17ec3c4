package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class DeadLettersTest {

    private static final String STOCK_CHANGED = "io.stockline.inventory.stock-changed.v1";

    private final List<Message<String>> topic = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters(message -> {
        topic.add(message);
        return Uni.createFrom().voidItem();
    }, 3);

    @Test
    void sendsTheRecordUnchangedWithItsHeadersAndTheReason() {
        ConsumerRecord<String, String> record = record("stock-changed", 7, 1000L, "{not json");
        record.headers().add("ce_type", "io.stockline.inventory.stock-changed.v1".getBytes(StandardCharsets.UTF_8));

        await(deadLetters.send(record, new PoisonRecord("not JSON")));

        assertThat(topic).hasSize(1);
        Message<String> sent = topic.get(0);
        assertThat(sent.getPayload()).isEqualTo("{not json");
        @SuppressWarnings("unchecked")
        Optional<OutgoingKafkaRecordMetadata<String>> metadata = sent.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(found -> (OutgoingKafkaRecordMetadata<String>) found);
        assertThat(metadata).isPresent();
        assertThat(metadata.get().getKey()).isEqualTo("SKU-1");
        assertThat(text(metadata.get().getHeaders().lastHeader("ce_type").value()))
                .isEqualTo("io.stockline.inventory.stock-changed.v1");
        assertThat(text(metadata.get().getHeaders().lastHeader(DeadLetters.REASON_HEADER).value()))
                .isEqualTo("PoisonRecord: not JSON");
    }

    @Test
    void aRecordDeliveredAgainIsNotSentTwice() {
        await(deadLetters.send(record("stock-changed", 7, 1000L, "{not json"), new PoisonRecord("not JSON")));
        await(deadLetters.send(record("stock-changed", 7, 1000L, "{not json"), new PoisonRecord("not JSON")));

        assertThat(topic).hasSize(1);
    }

    @Test
    void aTopicMadeAgainReusesOffsetsSoAnotherRecordAtTheSameOffsetIsSent() {
        await(deadLetters.send(record("stock-changed", 7, 1000L, "{not json"), new PoisonRecord("not JSON")));
        await(deadLetters.send(record("stock-changed", 7, 2000L, "{not json"), new PoisonRecord("not JSON")));
        await(deadLetters.send(record("stock-changed", 7, 2000L, "[]"), new PoisonRecord("not an object")));

        assertThat(topic).extracting(Message::getPayload).containsExactly("{not json", "{not json", "[]");
    }

    @Test
    void aSendThatFailsIsTriedAgainUntilTheBrokerTakesItSoTheBatchDoesNotFail() {
        // a failed send failed the batch, which was nacked whole: its readable records followed to the dead-letter topic
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new ArrayList<>();
        DeadLetters flaky = new DeadLetters(message -> attempts.incrementAndGet() <= 3
                ? Uni.createFrom().failure(new IllegalStateException("broker away"))
                : Uni.createFrom().item(message.getPayload()).invoke(delivered::add).replaceWithVoid(),
                DeadLetters.REMEMBERED, Duration.ofMillis(10), Duration.ofMillis(50));
        ConsumerRecord<String, String> poison = record("stock-changed", 3, 1000L, "{not json");

        await(flaky.send(poison, new PoisonRecord("not JSON")));

        assertThat(attempts).hasValue(4);
        assertThat(delivered).containsExactly("{not json");
        await(flaky.send(poison, new PoisonRecord("not JSON")));
        assertThat(delivered).as("sent once, so a redelivery is not sent again").hasSize(1);
    }

    @Test
    void aSendCancelledIsForgottenSoTheNextDeliveryTriesAgain() {
        AtomicBoolean brokerAway = new AtomicBoolean(true);
        List<String> delivered = new ArrayList<>();
        DeadLetters flaky = new DeadLetters(message -> brokerAway.get()
                ? Uni.createFrom().failure(new IllegalStateException("broker away"))
                : Uni.createFrom().item(message.getPayload()).invoke(delivered::add).replaceWithVoid(),
                DeadLetters.REMEMBERED, Duration.ofMillis(10), Duration.ofMillis(50));
        ConsumerRecord<String, String> poison = record("stock-changed", 3, 1000L, "{not json");

        // the consumer stops while the broker is away
        assertThatThrownBy(() -> flaky.send(poison, new PoisonRecord("not JSON")).await().atMost(Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class);
        brokerAway.set(false);
        await(flaky.send(poison, new PoisonRecord("not JSON")));

        assertThat(delivered).containsExactly("{not json");
    }

    @Test
    void onlyTheLatestRecordsAreRemembered() {
        for (long offset = 1; offset <= 4; offset++) {
            await(deadLetters.send(record("stock-changed", offset, 1000L, "{not json"), new PoisonRecord("not JSON")));
        }
        // capacity 3: offset 1 was forgotten when offset 4 came, offsets 2 to 4 are still known
        await(deadLetters.send(record("stock-changed", 1, 1000L, "{not json"), new PoisonRecord("not JSON")));
        await(deadLetters.send(record("stock-changed", 4, 1000L, "{not json"), new PoisonRecord("not JSON")));

        assertThat(topic).hasSize(5);
    }

    @Test
    void aPollIsReadWithItsOtherTypesSkippedAndOnlyTheUnreadableRecordsDeadLettered() {
        List<ConsumerRecord<String, String>> poll = List.of(typed(1, STOCK_CHANGED, "one"), typed(2, "io.stockline.other.v1", "other"),
                typed(3, STOCK_CHANGED, "{not json"), record("stock-changed", 4, 1000L, "four"));

        DeadLetters.Read<String> read = deadLetters.read(poll, STOCK_CHANGED, record -> {
            PoisonRecord.require(!record.value().startsWith("{not"), "not JSON");
            return record.value().toUpperCase();
        });

        // a record without ce_type is read as the topic's type; the records and events stay side by side, in order
        assertThat(read.records()).extracting(ConsumerRecord::offset).containsExactly(1L, 4L);
        assertThat(read.events()).containsExactly("ONE", "FOUR");
        assertThat(topic).as("sent when the consumer subscribes, with its batch's other work").isEmpty();
        await(read.deadLettered());
        assertThat(topic).extracting(Message::getPayload).containsExactly("{not json");
        assertThat(text(topic.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders()
                .lastHeader(DeadLetters.REASON_HEADER).value())).isEqualTo("PoisonRecord: not JSON");
    }

    @Test
    void aBatchAppliedOneByOneSendsOnlyTheRefusedRecordAndWaitsOutTheInfrastructure() {
        List<ConsumerRecord<String, String>> batch = List.of(typed(1, STOCK_CHANGED, "a"), typed(2, STOCK_CHANGED, "b"),
                typed(3, STOCK_CHANGED, "c"));
        List<String> applied = new ArrayList<>();
        AtomicBoolean databaseAway = new AtomicBoolean(true);

        await(deadLetters.oneByOne(batch, List.of("a", "b", "c"), event -> "event " + event, event -> {
            if (event.equals("b")) {
                return Uni.createFrom().failure(new PoisonRecord("a version leap"));
            }
            if (event.equals("c") && databaseAway.getAndSet(false)) {
                return Uni.createFrom().failure(new java.io.IOException("connection refused"));
            }
            return Uni.createFrom().item(event).invoke(applied::add);
        }));

        assertThat(applied).containsExactly("a", "c");
        assertThat(topic).extracting(Message::getPayload).containsExactly("b");
    }

    private static ConsumerRecord<String, String> typed(long offset, String type, String value) {
        ConsumerRecord<String, String> record = record("stock-changed", offset, 1000L, value);
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ConsumerRecord<String, String> record(String topic, long offset, long timestamp, String value) {
        return new ConsumerRecord<>(topic, 0, offset, timestamp, TimestampType.CREATE_TIME, 5, value.length(), "SKU-1",
                value, new RecordHeaders(), Optional.empty());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void await(Uni<Void> sent) {
        sent.await().atMost(Duration.ofSeconds(5));
    }
}
