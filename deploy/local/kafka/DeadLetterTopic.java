import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lists and replays a dead-letter topic ({@code <topic>.dlq}). Replay sends each record back to the topic it came
 * from (its {@code dead-letter-topic} header, else the name without {@code .dlq}) with its key, value and headers,
 * less the {@code dead-letter-*} ones; the consumers recognise events they applied already by their id, so a replay
 * changes only what was not applied. What was replayed is remembered (consumer group
 * {@code stockline.dlq-replay.<dlq topic>}), so the next replay sends only what arrived since. Several services that
 * read one topic share its DLQ: a record they all gave up is sent back once.
 * Run by the JDK's source launcher: java -cp 'kafka-libs/*' DeadLetterTopic.java list|replay TOPIC BOOTSTRAP [--dry-run],
 * its credentials in the environment as a Quarkus service reads them (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_JAAS_CONFIG: deploy/local/dlq sets the local broker's super user's).
 */
public class DeadLetterTopic {

    private static final String PREFIX = "dead-letter-";

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !Set.of("list", "replay").contains(args[0])) {
            System.err.println("usage: DeadLetterTopic list|replay TOPIC BOOTSTRAP [--dry-run]");
            System.exit(2);
        }
        String dlq = args[1].endsWith(".dlq") ? args[1] : args[1] + ".dlq";
        String bootstrap = args[2];
        boolean replay = args[0].equals("replay");
        boolean dryRun = args.length > 3 && args[3].equals("--dry-run");
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, dlq)) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(dlq, info.partition())).toList();
            if (partitions.isEmpty()) {
                System.out.println(dlq + ": no such topic (nothing was ever dead-lettered there)");
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(new HashSet<>(partitions));
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = readToEnd(consumer, end);
            if (!replay) {
                list(dlq, records, replayed);
                return;
            }
            replay(consumer, bootstrap, dlq, records, replayed, end, dryRun);
        }
    }

    /** The client's security settings from the environment: KAFKA_SASL_JAAS_CONFIG is sasl.jaas.config, and so on. */
    static Properties clientConfig(String bootstrap) {
        Properties config = new Properties();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("KAFKA_SECURITY_") || name.startsWith("KAFKA_SASL_") || name.startsWith("KAFKA_SSL_")) {
                config.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        config.put("bootstrap.servers", bootstrap);
        return config;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String dlq) {
        Properties config = clientConfig(bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "stockline.dlq-replay." + dlq);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    private static List<ConsumerRecord<String, String>> readToEnd(KafkaConsumer<String, String> consumer,
            Map<TopicPartition, Long> end) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant giveUp = Instant.now().plusSeconds(60);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("could not read the dead-letter topic to its end within 60 s");
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static void list(String dlq, List<ConsumerRecord<String, String>> records,
            Map<TopicPartition, OffsetAndMetadata> replayed) {
        System.out.printf("%s: %d record(s)%n", dlq, records.size());
        for (ConsumerRecord<String, String> record : records) {
            OffsetAndMetadata done = replayed.get(new TopicPartition(record.topic(), record.partition()));
            boolean wasReplayed = done != null && record.offset() < done.offset();
            String value = record.value() == null ? "" : record.value();
            System.out.printf("%d@%d %s key=%s type=%s%s%n  reason: %s%n  value: %s%n", record.partition(),
                    record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(), header(record, "ce_type"),
                    wasReplayed ? " (replayed)" : "", header(record, PREFIX + "reason"),
                    value.length() > 300 ? value.substring(0, 300) + "..." : value);
        }
    }

    private static void replay(KafkaConsumer<String, String> consumer, String bootstrap, String dlq,
            List<ConsumerRecord<String, String>> records, Map<TopicPartition, OffsetAndMetadata> replayed,
            Map<TopicPartition, Long> end, boolean dryRun) throws Exception {
        Properties config = clientConfig(bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Set<String> sent = new HashSet<>();
        int count = 0;
        int duplicates = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (ConsumerRecord<String, String> record : records) {
                OffsetAndMetadata done = replayed.get(new TopicPartition(record.topic(), record.partition()));
                if (done != null && record.offset() < done.offset()) {
                    continue;
                }
                if (!sent.add(origin(record))) {
                    duplicates++;
                    continue;
                }
                String target = header(record, PREFIX + "topic");
                if (target == null) {
                    target = dlq.substring(0, dlq.length() - ".dlq".length());
                }
                ProducerRecord<String, String> back = new ProducerRecord<>(target, record.key(), record.value());
                for (Header header : record.headers()) {
                    if (!header.key().startsWith(PREFIX)) {
                        back.headers().add(header);
                    }
                }
                System.out.printf("%s %d@%d key=%s -> %s%n", dryRun ? "would replay" : "replayed", record.partition(),
                        record.offset(), record.key(), target);
                if (!dryRun) {
                    producer.send(back).get();
                }
                count++;
            }
            producer.flush();
        }
        if (!dryRun) {
            Map<TopicPartition, OffsetAndMetadata> upTo = new HashMap<>();
            end.forEach((partition, offset) -> upTo.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(upTo);
        }
        System.out.printf("%s: %d record(s) %s, %d copy(ies) of the same record skipped%n", dlq, count,
                dryRun ? "would be replayed" : "replayed", duplicates);
    }

    /** The record it was before it was dead-lettered: its event id, else its place in its topic, else its content. */
    private static String origin(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        if (id != null) {
            return "id:" + id;
        }
        String topic = header(record, PREFIX + "topic");
        String partition = header(record, PREFIX + "partition");
        String offset = header(record, PREFIX + "offset");
        if (topic != null && partition != null && offset != null) {
            return topic + "-" + partition + "@" + offset;
        }
        return "content:" + record.key() + "\u0000" + record.value();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
