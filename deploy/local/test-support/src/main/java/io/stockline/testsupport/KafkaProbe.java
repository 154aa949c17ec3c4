package io.stockline.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's view of the real broker: sends records (CloudEvents in binary mode, or raw) and collects what
 * arrives on the topics it watches, from their beginning.
 */
public final class KafkaProbe implements AutoCloseable {

    /** A record as a test reads it: key, value and headers as text. */
    public record Received(String topic, String key, String value, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    // Held so the level sticks: the clients log every rebalance step at INFO, which buries a test's output.
    private static final java.util.logging.Logger KAFKA_CLIENT_LOGS = quiet("org.apache.kafka");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean closed;

    /** A probe of {@link Infrastructure}'s broker. */
    public KafkaProbe() {
        this(Infrastructure.get().kafkaBootstrapServers());
    }

    /** A probe of the broker at this address, with the credentials of {@link Infrastructure#kafkaClientProperties()}. */
    public KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
    }

    /** Starts collecting every record of the topics, from the beginning. */
    public KafkaProbe watch(Collection<String> topics) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        Thread poller = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.copyOf(topics));
                while (!closed) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header header : record.headers()) {
                            headers.put(header.key(), header.value() == null ? null
                                    : new String(header.value(), StandardCharsets.UTF_8));
                        }
                        received.add(new Received(record.topic(), record.key(), record.value(), headers));
                    }
                }
            }
        }, "kafka-probe");
        poller.setDaemon(true);
        poller.start();
        pollers.add(poller);
        return this;
    }

    private Properties clientProperties() {
        Properties props = Infrastructure.get().kafkaClientProperties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Everything received so far on the topic. */
    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Sends a CloudEvent in Kafka binary mode: the event's attributes as ce_ headers, its data as the value. */
    public void sendCloudEvent(String topic, String key, String type, String id, String json) {
        sendCloudEvent(topic, key, type, id, json, Map.of());
    }

    /** {@link #sendCloudEvent} with more headers, such as a W3C {@code traceparent}. */
    public void sendCloudEvent(String topic, String key, String type, String id, String json, Map<String, String> extra) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        extra.forEach((name, value) -> record.headers().add(name, bytes(value)));
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(id));
        record.headers().add("ce_type", bytes(type));
        record.headers().add("ce_source", bytes("/stockline/tests"));
        record.headers().add("content-type", bytes("application/json"));
        send(record);
    }

    /**
     * Sends what inventory publishes on inventory.stock-changed for one (SKU, location): a binary-mode
     * CloudEvent of type io.stockline.inventory.stock-changed.v1, key = SKU, with the given version and
     * available stock (on hand follows available, never below zero).
     */
    public UUID sendStockChanged(String topic, UUID eventId, String sku, String location, long version, long available) {
        return sendStockChanged(topic, eventId, sku, location, version, available, Map.of());
    }

    /** {@link #sendStockChanged} with more headers, such as a W3C {@code traceparent}. */
    public UUID sendStockChanged(String topic, UUID eventId, String sku, String location, long version, long available,
            Map<String, String> extra) {
        String json = """
                {"eventId":"%s","sku":"%s","location":"%s","version":%d,"movementType":"ADJUSTMENT","movementId":%d,\
                "onHand":%d,"available":%d,"committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,\
                "incoming":0,"inTransit":0,"occurredAt":"2026-11-23T10:00:00Z"}""".formatted(eventId, sku, location,
                version, version, Math.max(available, 0), available);
        sendCloudEvent(topic, sku, "io.stockline.inventory.stock-changed.v1", eventId.toString(), json, extra);
        return eventId;
    }

    /** A record to send as it is: key, value and headers (none added), any of them null. */
    public record Outgoing(String key, String value, Map<String, String> headers) {
    }

    /** Where a sent record landed. */
    public record Sent(int partition, long offset) {
    }

    /** Sends the records as they are, all at once (the producer batches them), and waits for every ack. */
    public List<Sent> sendAll(String topic, List<Outgoing> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Outgoing outgoing : records) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, outgoing.key(), outgoing.value());
            if (outgoing.headers() != null) {
                outgoing.headers().forEach((name, value) -> record.headers().add(name, value == null ? null : bytes(value)));
            }
            acks.add(producer.send(record));
        }
        producer.flush();
        List<Sent> sent = new ArrayList<>();
        try {
            for (Future<RecordMetadata> ack : acks) {
                RecordMetadata metadata = ack.get(60, TimeUnit.SECONDS);
                sent.add(new Sent(metadata.partition(), metadata.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
        return sent;
    }

    /** The offsets {@code group} has committed on the partitions of {@code topic} (a partition without one is absent). */
    public Map<Integer, Long> committed(String group, String topic) {
        try (Admin admin = Admin.create(clientProperties())) {
            Map<Integer, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> {
                        if (partition.topic().equals(topic) && offset != null) {
                            committed.put(partition.partition(), offset.offset());
                        }
                    });
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /** Sends a plain record, as a broken or foreign producer might. */
    public void sendRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        for (Thread poller : pollers) {
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
