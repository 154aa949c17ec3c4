package io.stockline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stockline.testsupport.Infrastructure;

/**
 * The local broker's security on the real broker (issue 16): a client without credentials, or with a wrong password,
 * gets nothing, and each service's own user may write only the topics it owns and read only those it consumes, in its
 * own consumer group. The ACLs are the ones deploy/local/infra gives the broker (deploy/local/kafka/KafkaSecurity.java,
 * from the KafkaUsers of deploy/kubernetes/base/kafka/users.yaml), applied here by the same program under this class's
 * topic prefix, so the test touches no topic a running system uses; that the unprefixed ACLs on the broker are the
 * same is checked too. The ownership tables below are deploy/asyncapi.yaml's producers and consumers, written out.
 */
class KafkaAclTest {

    static final List<String> TOPICS = List.of("inventory.stock-changed", "inventory.items", "inventory.locations",
            "inventory.reorder-points", "orders", "allocations", "alerts", "channel.sync-status",
            "inventory.stock-changed.dlq", "inventory.items.dlq", "inventory.locations.dlq",
            "inventory.reorder-points.dlq", "orders.dlq", "channel.sync-status.dlq");

    /** What each service publishes (its events, and the dead letters of what it consumes). */
    static final Map<String, Set<String>> WRITES = Map.of(
            "inventory-service", Set.of("inventory.stock-changed", "inventory.items", "inventory.locations",
                    "inventory.reorder-points"),
            "channel-connector-service", Set.of("channel.sync-status", "inventory.stock-changed.dlq", "inventory.items.dlq"),
            "allocation-service", Set.of("allocations", "orders.dlq", "inventory.stock-changed.dlq", "inventory.locations.dlq"),
            "alert-service", Set.of("alerts", "inventory.stock-changed.dlq", "channel.sync-status.dlq",
                    "inventory.reorder-points.dlq"));

    /** What each service consumes (alert-service: every dead-letter topic too, for its DEAD_LETTERS alerts). */
    static final Map<String, Set<String>> READS = Map.of(
            "inventory-service", Set.of(),
            "channel-connector-service", Set.of("inventory.stock-changed", "inventory.items"),
            "allocation-service", Set.of("orders", "inventory.stock-changed", "inventory.locations"),
            "alert-service", Set.of("inventory.stock-changed", "channel.sync-status", "inventory.reorder-points",
                    "inventory.stock-changed.dlq", "inventory.items.dlq", "inventory.locations.dlq",
                    "inventory.reorder-points.dlq", "orders.dlq", "channel.sync-status.dlq"));

    // Held so the level sticks: the clients log their whole configuration at INFO for each of the many clients here.
    private static final Logger KAFKA_CLIENT_LOGS = Logger.getLogger("org.apache.kafka");

    static Infrastructure infrastructure;
    static String prefix;

    @BeforeAll
    static void applyTheAclsUnderThisClassesPrefix() throws Exception {
        KAFKA_CLIENT_LOGS.setLevel(Level.SEVERE);
        infrastructure = Infrastructure.get();
        assumeTrue(infrastructure.kafkaSasl(), "the broker takes any client (Testcontainers, or "
                + Infrastructure.ENV_KAFKA_SECURITY_PROTOCOL + "=PLAINTEXT): no SASL or ACLs to show");
        prefix = "t" + Infrastructure.shortId() + ".";
        runKafkaSecurity(prefix);
        // one record on every topic, by the super user, for the readers to find
        try (KafkaProducer<String, String> producer = producer(infrastructure.kafkaClientProperties())) {
            for (String topic : TOPICS) {
                producer.send(new ProducerRecord<>(prefix + topic, "seed", "{}")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void removeThePrefixedAclsAndTopics() throws Exception {
        if (prefix == null) {
            return;
        }
        try (Admin admin = Admin.create(infrastructure.kafkaClientProperties())) {
            List<AclBindingFilter> ours = admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
                    .filter(binding -> binding.pattern().name().startsWith(prefix)).map(AclBinding::toFilter).toList();
            admin.deleteAcls(ours).all().get();
            admin.deleteTopics(TOPICS.stream().map(topic -> prefix + topic).toList()).all().get();
        }
    }

    @Test
    void aClientWithoutCredentialsCanNeitherProduceNorConsume() throws Exception {
        Properties anonymous = new Properties();
        anonymous.put("bootstrap.servers", infrastructure.kafkaBootstrapServers());
        // the client never gets past the SASL handshake, so a longer wait would only wait longer for the same nothing
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
        anonymous.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1500");
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            for (String topic : List.of("inventory.stock-changed", "orders")) {
                // the broker speaks only SASL on its one client listener: the client never learns of any topic
                assertThat(sendFailure(producer, prefix + topic)).as("produce to %s", topic).isInstanceOf(TimeoutException.class);
            }
        }
        for (String topic : List.of("inventory.stock-changed", "orders")) {
            try (KafkaConsumer<String, String> consumer = consumer(anonymous, null)) {
                Throwable failure = null;
                try {
                    consumer.partitionsFor(prefix + topic, Duration.ofMillis(1500));
                } catch (KafkaException e) {
                    failure = e;
                }
                assertThat(failure).as("look up %s", topic).isInstanceOf(TimeoutException.class);
                // told the partitions (the super user sees the seed record in each topic), it still reads nothing
                consumer.assign(partitions(prefix + topic));
                consumer.seekToBeginning(partitions(prefix + topic));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                try {
                    consumer.poll(Duration.ofMillis(1500)).forEach(received::add);
                } catch (TimeoutException e) {
                    // as good as nothing
                }
                assertThat(received).as("consume %s", topic).isEmpty();
            }
        }
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefused() throws Exception {
        Properties wrongPassword = infrastructure.kafkaClientProperties("inventory-service", "not-the-password");
        try (KafkaProducer<String, String> producer = producer(wrongPassword)) {
            assertThat(sendFailure(producer, prefix + "inventory.stock-changed")).isInstanceOf(SaslAuthenticationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(wrongPassword, null)) {
            assertThat(readFailure(consumer, prefix + "inventory.stock-changed")).isInstanceOf(SaslAuthenticationException.class);
        }
        Properties stranger = infrastructure.kafkaClientProperties("mallory", Infrastructure.kafkaPassword("inventory-service"));
        try (KafkaProducer<String, String> producer = producer(stranger)) {
            assertThat(sendFailure(producer, prefix + "orders")).isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void eachServiceWritesTheTopicsItOwnsAndNoOther() throws Exception {
        Map<String, Set<String>> writable = new TreeMap<>();
        for (String service : WRITES.keySet()) {
            try (KafkaProducer<String, String> producer = producer(as(service))) {
                for (String topic : TOPICS) {
                    Throwable failure = sendFailure(producer, prefix + topic);
                    if (failure == null) {
                        writable.computeIfAbsent(service, s -> new TreeSet<>()).add(topic);
                    } else {
                        assertThat(failure).as("%s writing %s", service, topic).isInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
        }
        assertThat(writable).isEqualTo(sorted(WRITES));
    }

    @Test
    void channelConnectorCannotPublishAStockChange() throws Exception {
        try (KafkaProducer<String, String> producer = producer(as("channel-connector-service"))) {
            assertThat(sendFailure(producer, prefix + "inventory.stock-changed"))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(prefix + "inventory.stock-changed");
        }
        try (KafkaProducer<String, String> producer = producer(as("inventory-service"))) {
            assertThat(sendFailure(producer, prefix + "inventory.stock-changed")).isNull();
        }
    }

    @Test
    void eachServiceReadsTheTopicsItConsumesAndNoOther() throws Exception {
        // 56 (service, topic) pairs, each a consumer of its own that reads or is refused: side by side, as the services
        // themselves would, rather than one after another (a quarter of a minute)
        Map<String, Set<String>> readable = new TreeMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            Map<String, Future<Throwable>> failures = new TreeMap<>();
            for (String service : READS.keySet()) {
                for (String topic : TOPICS) {
                    failures.put(service + " reading " + topic, readers.submit(() -> {
                        try (KafkaConsumer<String, String> consumer = consumer(as(service), null)) {
                            return readFailure(consumer, prefix + topic);
                        }
                    }));
                }
            }
            for (String service : READS.keySet()) {
                for (String topic : TOPICS) {
                    Throwable failure = failures.get(service + " reading " + topic).get(2, TimeUnit.MINUTES);
                    if (failure == null) {
                        readable.computeIfAbsent(service, s -> new TreeSet<>()).add(topic);
                    } else {
                        assertThat(failure).as("%s reading %s", service, topic).isInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(readable).isEqualTo(sorted(READS));
    }

    @Test
    void aServiceConsumesInItsOwnGroupOnly() {
        String topic = prefix + "inventory.stock-changed";
        try (KafkaConsumer<String, String> consumer = consumer(as("channel-connector-service"), prefix + "channel-connector-service")) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            consumer.commitSync();
        }
        try (KafkaConsumer<String, String> consumer = consumer(as("channel-connector-service"), prefix + "allocation-service")) {
            consumer.subscribe(List.of(topic));
            Throwable failure = null;
            try {
                consumer.poll(Duration.ofSeconds(10));
            } catch (KafkaException e) {
                failure = e;
            }
            assertThat(failure).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void theBrokersAclsOnTheRealTopicsAreTheOnesAppliedUnderThePrefix() throws Exception {
        Map<String, Set<String>> real = new TreeMap<>();
        Map<String, Set<String>> ours = new TreeMap<>();
        try (Admin admin = Admin.create(infrastructure.kafkaClientProperties())) {
            for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
                String name = binding.pattern().name();
                if (name.startsWith(prefix)) {
                    ours.computeIfAbsent(binding.entry().principal(), p -> new TreeSet<>())
                            .add(describe(binding, name.substring(prefix.length())));
                } else if (!name.matches("t[0-9a-f]{8}\\..*")) { // not another test run's
                    real.computeIfAbsent(binding.entry().principal(), p -> new TreeSet<>()).add(describe(binding, name));
                }
            }
        }
        assertThat(ours).containsKeys("User:inventory-service", "User:channel-connector-service", "User:allocation-service",
                "User:alert-service");
        assertThat(real).as("deploy/local/infra applied the same ACLs to the topics the services use").isEqualTo(ours);
    }

    private static String describe(AclBinding binding, String name) {
        return binding.pattern().resourceType() + ":" + binding.pattern().patternType() + ":" + name + ":"
                + binding.entry().operation() + ":" + binding.entry().permissionType() + ":" + binding.entry().host();
    }

    private static Map<String, Set<String>> sorted(Map<String, Set<String>> table) {
        return table.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue()), (a, b) -> a, TreeMap::new));
    }

    private static Properties as(String service) {
        return infrastructure.kafkaClientProperties(service, Infrastructure.kafkaPassword(service));
    }

    private static KafkaProducer<String, String> producer(Properties base) {
        Properties props = new Properties();
        props.putAll(base);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Properties base, String group) {
        Properties props = new Properties();
        props.putAll(base);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Null when the broker took the record, else why not. */
    private static Throwable sendFailure(KafkaProducer<String, String> producer, String topic) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, "acl-test", "{}")).get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (KafkaException | java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    /** Null when the consumer read the topic's seed record from partition 0..n, else why not. */
    private static Throwable readFailure(KafkaConsumer<String, String> consumer, String topic) {
        try {
            // the partitions as the super user sees them: a client refused the topic is never told them
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(r -> "seed".equals(r.key()));
            });
            return null;
        } catch (KafkaException e) {
            return e;
        } catch (ConditionTimeoutException e) {
            return e.getCause() instanceof KafkaException cause ? cause : e;
        }
    }

    private static final Map<String, List<TopicPartition>> PARTITIONS = new HashMap<>();

    private static synchronized List<TopicPartition> partitions(String topic) {
        return PARTITIONS.computeIfAbsent(topic, t -> {
            try (Admin admin = Admin.create(infrastructure.kafkaClientProperties())) {
                return admin.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions().stream()
                        .map(p -> new TopicPartition(t, p.partition())).toList();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** deploy/local/kafka/KafkaSecurity.java, as deploy/local/infra runs it, with this class's prefix. */
    private static void runKafkaSecurity(String prefix) throws IOException, InterruptedException {
        Path root = Infrastructure.repositoryRoot();
        Process libs = new ProcessBuilder("bash", root.resolve("deploy/local/infra").toString(), "kafka-libs")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String kafkaLibs = new String(libs.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(libs.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(libs.exitValue()).isZero();
        Path log = Files.createTempFile("kafka-security", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", kafkaLibs + "/*", root.resolve("deploy/local/kafka/KafkaSecurity.java").toString(), root.toString(),
                infrastructure.kafkaBootstrapServers(), prefix)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    }
}
