package io.stockline.e2e.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.SystemProcesses;

/**
 * deploy/local/dlq on the real broker: it lists what a dead-letter topic holds with the reasons, and replays each
 * record once to the topic it came from, headers kept but the dead-letter ones; a record several services gave up
 * (one event id) goes back once, and a second replay sends nothing again.
 */
@ResourceLock(value = SystemProcesses.INFRASTRUCTURE, mode = ResourceAccessMode.READ)
class DeadLetterCommandIT {

    private final Infrastructure infrastructure = Infrastructure.get();
    private final String topic = "dlqcmd" + Infrastructure.shortId() + ".orders";
    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(infrastructure.kafkaBootstrapServers()).watch(List.of(topic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void listsTheReasonsAndReplaysEachRecordOnceToItsTopic() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        deadLetter("order-1", first, "{\"orderId\":\"order-1\"}", "PoisonRecord: order without lines");
        deadLetter("order-2", second, "{\"orderId\":\"order-2\"}", "PoisonRecord: failed 5 times: boom");
        // the same event given up by a second service that reads the topic
        deadLetter("order-2", second, "{\"orderId\":\"order-2\"}", "PoisonRecord: failed 5 times: boom");

        String listed = dlq("list", topic);
        assertThat(listed).contains(topic + ".dlq: 3 record(s)", "key=order-1", "order without lines",
                "key=order-2", "failed 5 times: boom");

        assertThat(dlq("replay", topic, "--dry-run")).contains("2 record(s) would be replayed");
        assertThat(dlq("replay", topic)).contains("2 record(s) replayed", "1 copy(ies) of the same record skipped");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(topic).size() == 2);
        assertThat(kafka.on(topic)).extracting(KafkaProbe.Received::key).containsExactlyInAnyOrder("order-1", "order-2");
        assertThat(kafka.on(topic)).allSatisfy(record -> {
            assertThat(record.header("ce_type")).isEqualTo("io.stockline.order.placed.v1");
            assertThat(record.header("dead-letter-reason")).isNull();
        });
        assertThat(kafka.on(topic)).filteredOn(record -> "order-1".equals(record.key()))
                .singleElement().satisfies(record -> assertThat(record.header("ce_id")).isEqualTo(first));

        assertThat(dlq("replay", topic)).contains("0 record(s) replayed");
        assertThat(dlq("list", topic)).contains("(replayed)");
        assertThat(kafka.on(topic)).hasSize(2);
    }

    @Test
    void aTopicNeverDeadLetteredToIsSaidSo() throws Exception {
        assertThat(dlq("list", "dlqcmd" + Infrastructure.shortId() + ".nothing"))
                .contains("no such topic (nothing was ever dead-lettered there)");
    }

    private void deadLetter(String key, String id, String json, String reason) {
        kafka.sendCloudEvent(topic + ".dlq", key, "io.stockline.order.placed.v1", id, json,
                Map.of("dead-letter-reason", reason));
    }

    private String dlq(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash",
                Infrastructure.repositoryRoot().resolve("deploy/local/dlq").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(Infrastructure.ENV_KAFKA, infrastructure.kafkaBootstrapServers());
        builder.environment().putAll(infrastructure.kafkaEnvironment()); // the tests' Kafka identity
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("deploy/local/dlq ends").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
