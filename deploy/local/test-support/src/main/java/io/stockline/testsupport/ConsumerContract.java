package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.events.EventContract;

/**
 * The consumer half of the event contract, for one service: for every message its operations in
 * deploy/asyncapi.yaml receive, it sends the payloads {@link ContractInstances} generates to the real broker as
 * binary-mode CloudEvents, interleaving the valid and the invalid ones, and then checks that the service's consumer
 * group moved past every record of every partition it wrote (nothing stalls), that each invalid record, and only
 * those, reached {@code <topic>.dlq} with a reason naming what is wrong, and that each valid one had the effect a test
 * asked for. Use it from a {@code @TestFactory} inside the service's {@code @QuarkusTest}.
 */
public final class ConsumerContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> KEY_FIELDS = List.of("orderId", "sku", "code", "channelId", "alertId");

    private final String service;
    private final String bootstrapServers;
    private final Function<String, String> topicOfAddress;
    private final EventContract contract;
    private final ContractInstances instances;
    private final Map<String, Consumer<JsonNode>> effects = new HashMap<>();

    /**
     * @param service the tag of the service's operations in the document, and its consumer group
     * @param topicOfAddress the topic the service reads for a channel address (tests put topics under a prefix)
     */
    public ConsumerContract(String service, String bootstrapServers, Function<String, String> topicOfAddress) {
        this.service = service;
        this.bootstrapServers = bootstrapServers;
        this.topicOfAddress = topicOfAddress;
        this.contract = EventContract.bundled();
        this.instances = new ContractInstances(contract);
    }

    /** An assertion each accepted payload of {@code type} must come to satisfy (awaited). */
    public ConsumerContract expect(String type, Consumer<JsonNode> effect) {
        effects.put(type, effect);
        return this;
    }

    /** One test per message the service receives. */
    public Stream<DynamicTest> tests() {
        List<EventContract.Exchange> received = contract.exchanges(service, "receive");
        assertThat(received).as("the operations of deploy/asyncapi.yaml tagged " + service + " that receive").isNotEmpty();
        return received.stream().map(exchange -> DynamicTest.dynamicTest(
                exchange.type() + " on " + exchange.address(), () -> check(exchange)));
    }

    private void check(EventContract.Exchange exchange) throws Exception {
        String topic = topicOfAddress.apply(exchange.address());
        String deadLetters = topic + ".dlq";
        List<ContractInstances.Valid> valid = instances.valid(exchange.type());
        List<ContractInstances.Invalid> invalid = instances.invalid(exchange.type());
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers).watch(List.of(deadLetters));
                KafkaProducer<String, String> producer = producer()) {
            // each invalid record between two valid ones: the partition must move on after it
            for (int i = 0; i < Math.max(valid.size(), invalid.size()); i++) {
                if (i < valid.size()) {
                    send(producer, topic, exchange.type(), valid.get(i).json(), lastOffsets);
                }
                if (i < invalid.size()) {
                    send(producer, topic, exchange.type(), invalid.get(i).json(), lastOffsets);
                }
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(committed(lastOffsets.keySet()))
                    .as(service + " moved past every record it was sent on " + topic)
                    .allSatisfy((partition, offset) -> assertThat(offset).isGreaterThan(lastOffsets.get(partition))));
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, String> reasons = new LinkedHashMap<>();
                probe.on(deadLetters).forEach(dead -> reasons.put(dead.value(), dead.header("dead-letter-reason")));
                for (ContractInstances.Invalid broken : invalid) {
                    assertThat(reasons).as("dead letters, for " + broken.label() + ": " + broken.json())
                            .containsKey(broken.json());
                    assertThat(reasons.get(broken.json())).as("the reason " + broken.label() + " was refused")
                            .containsIgnoringCase(broken.reasonNames());
                }
            });
            Map<String, String> deadReasons = new LinkedHashMap<>();
            probe.on(deadLetters).forEach(dead -> deadReasons.put(dead.value(), dead.header("dead-letter-reason")));
            for (ContractInstances.Valid accepted : valid) {
                // the reason in the message: a valid record refused says why (a flaw of the reader, or of the test)
                assertThat(deadReasons).as("a valid payload (" + accepted.label() + ") went to the dead letters, because: "
                        + deadReasons.get(accepted.json())).doesNotContainKey(accepted.json());
            }
            Consumer<JsonNode> effect = effects.get(exchange.type());
            if (effect != null) {
                for (ContractInstances.Valid accepted : valid) {
                    JsonNode payload = JSON.readTree(accepted.json());
                    await().atMost(PATIENCE).untilAsserted(() -> effect.accept(payload));
                }
            }
        }
    }

    private void send(KafkaProducer<String, String> producer, String topic, String type, String json,
            Map<TopicPartition, Long> lastOffsets) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key(json), json);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", type);
        header(record, "ce_source", "/stockline/contract-tests");
        header(record, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        header(record, "content-type", "application/json");
        RecordMetadata sent = producer.send(record).get(30, TimeUnit.SECONDS);
        lastOffsets.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The record key the channel's description asks for (order id, SKU, code ...), when the payload has one. */
    private static String key(String json) {
        try {
            JsonNode payload = JSON.readTree(json);
            for (String field : KEY_FIELDS) {
                if (payload.path(field).isTextual()) {
                    return payload.get(field).asText();
                }
            }
        } catch (Exception unreadable) {
            // a broken payload gets a key of its own
        }
        return UUID.randomUUID().toString();
    }

    private Map<TopicPartition, Long> committed(java.util.Set<TopicPartition> partitions) throws Exception {
        Properties props = Infrastructure.get().kafkaClientProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(service)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = offsets.get(partition);
                committed.put(partition, offset == null ? -1L : offset.offset());
            }
            return committed;
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = Infrastructure.get().kafkaClientProperties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }
}
