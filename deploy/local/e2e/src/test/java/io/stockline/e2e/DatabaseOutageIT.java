package io.stockline.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.SystemProcesses;

/**
 * The channel connector as a real process while its PostgreSQL is stopped for 20 seconds in the middle of a stream of
 * stock changes. Every change that arrives meanwhile waits for the database (retried, never dead-lettered); once it
 * is back, every SKU reaches the channel at its last number, and the only record in the dead-letter topic is the one
 * unreadable record sent during the outage.
 */
@ResourceLock(value = SystemProcesses.INFRASTRUCTURE, mode = ResourceAccessMode.READ_WRITE)
class DatabaseOutageIT {

    private static final int SKUS = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final String LOCATION = "WH-OUTAGE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SystemProcesses system = new SystemProcesses("e2eo");
    private static WireMockServer channel;
    private static KafkaProbe kafka;

    @BeforeAll
    static void startSystem() {
        Assumptions.assumeTrue(system.canRestartPostgres(), "PostgreSQL was not started by this checkout's"
                + " deploy/local/infra, so this test may not stop it (CI's is)");
        channel = new WireMockServer(wireMockConfig().dynamicPort());
        channel.start();
        channel.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        kafka = new KafkaProbe(system.infrastructure().kafkaBootstrapServers())
                .watch(List.of(stockChanged() + ".dlq"));
        system.start("channel-connector-service", Map.of(
                "stockline.channels.seed.outage.type", "WEBHOOK",
                "stockline.channels.seed.outage.endpoint", channel.baseUrl() + "/hook",
                "stockline.channels.seed.outage.credentials", "outage",
                "stockline.credentials.outage.secret", "e2e-outage-secret",
                "stockline.outbound.allowed-hosts", "localhost",
                "stockline.channel.sweep-interval", "1s",
                "stockline.channel.retry-backoff", "200ms",
                "stockline.channel.retry-backoff-max", "2s"));
        system.awaitReady();
    }

    @AfterAll
    static void stopSystem() {
        system.close();
        if (kafka != null) {
            kafka.close();
        }
        if (channel != null) {
            channel.stop();
        }
    }

    private static String stockChanged() {
        return system.topic("inventory.stock-changed");
    }

    @Test
    void stockChangesDuringADatabaseOutageAllReachTheChannelAfterwardsAndNoneIsDeadLettered() throws Exception {
        String prefix = "OUT-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> skus = IntStream.range(0, SKUS).mapToObj(i -> prefix + i).toList();
        Map<String, Long> last = new HashMap<>();
        long version = 1;
        for (String sku : skus) {
            send(sku, version, 5, last);
        }
        await("the channel holds the first numbers").atMost(Duration.ofSeconds(60))
                .until(() -> lastPushed(prefix).equals(last));

        system.stopPostgres();
        long sentDuringOutage = 0;
        try {
            // A steady stream for the whole outage: every SKU changes again and again while nothing can be stored.
            Instant back = Instant.now().plus(OUTAGE);
            while (Instant.now().isBefore(back)) {
                version++;
                for (int i = 0; i < SKUS; i++) {
                    send(skus.get(i), version, (version * 7 + i) % 40, last);
                    sentDuringOutage++;
                }
                if (version == 5) {
                    kafka.sendRaw(stockChanged(), prefix + "poison", "{\"eventId\":");
                }
            }
        } finally {
            system.startPostgres();
        }
        for (int round = 0; round < 3; round++) {
            version++;
            for (int i = 0; i < SKUS; i++) {
                send(skus.get(i), version, (version * 3 + i) % 25, last);
            }
        }
        assertThat(sentDuringOutage).as("changes sent while the database was away").isGreaterThan(SKUS * 5L);

        await("every SKU at its last number").atMost(Duration.ofSeconds(120))
                .until(() -> lastPushed(prefix).equals(last));
        assertThat(kafka.on(stockChanged() + ".dlq")).extracting(KafkaProbe.Received::key)
                .as("only the unreadable record is dead-lettered").containsExactly(prefix + "poison");
    }

    private void send(String sku, long version, long available, Map<String, Long> last) {
        kafka.sendStockChanged(stockChanged(), UUID.randomUUID(), sku, LOCATION, version, available);
        last.put(sku, available);
    }

    /** The last quantity the channel was sent of each SKU starting with {@code prefix}. */
    private static Map<String, Long> lastPushed(String prefix) throws Exception {
        Map<String, Long> pushed = new HashMap<>();
        List<ServeEvent> events = channel.getAllServeEvents(); // newest first
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode body = JSON.readTree(events.get(i).getRequest().getBodyAsString());
            for (JsonNode update : body.path("updates")) {
                if (update.path("sku").asText().startsWith(prefix)) {
                    pushed.put(update.path("sku").asText(), update.path("quantity").asLong());
                }
            }
        }
        return pushed;
    }
}
