package io.stockline.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;

/**
 * SIGKILL while movements stream in and the relay publishes: after a restart every committed change reaches
 * inventory.stock-changed, in order per (SKU, location), and a duplicate only ever repeats a version that
 * was already published with the same event.
 */
class RelayCrashIT {

    private static final int SKUS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Infrastructure infrastructure = Infrastructure.get();
    private static final String topicPrefix = "t" + Infrastructure.shortId() + ".";
    private static String database;
    private static ServiceProcess inventory;
    private static KafkaProbe kafka;

    @BeforeAll
    static void start() {
        database = infrastructure.createDatabase("inventory_crash");
        inventory = ServiceProcess.start("inventory-service",
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        kafka = new KafkaProbe(infrastructure.kafkaBootstrapServers()).watch(List.of(topic()));
    }

    private static String topic() {
        return topicPrefix + "inventory.stock-changed";
    }

    @AfterAll
    static void stop() {
        if (inventory != null) {
            inventory.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (database != null) {
            infrastructure.dropDatabase(database);
        }
    }

    @Test
    void everyCommittedChangeIsPublishedAfterACrash() throws Exception {
        String location = "WH-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessApi.createLocation(inventory, location);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            String sku = "CRASH-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            ProcessApi.createItem(inventory, sku);
            skus.add(sku);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(SKUS);
        for (String sku : skus) {
            load.submit(() -> {
                while (running.get()) {
                    try {
                        if (ProcessApi.move(inventory, "RECEIPT", sku, location, 1) == 201) {
                            committed.incrementAndGet();
                        }
                    } catch (Exception connectionLost) {
                        // the instance is gone: keep trying until the test stops the load
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> committed.get() >= 200);
        inventory.kill();
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        inventory.restart();
        Map<String, Long> versions = new HashMap<>();
        for (String sku : skus) {
            JsonNode stock = JSON.readTree(ProcessApi.get(inventory, "/api/v1/stock/" + sku));
            versions.put(sku, stock.path("locations").path(0).path("version").asLong());
        }
        assertThat(versions.values().stream().mapToLong(Long::longValue).sum())
                .as("every receipt that answered 201 is in the balances").isGreaterThanOrEqualTo(committed.get());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String sku : skus) {
                assertThat(publishedVersions(sku).keySet()).as("versions of %s", sku)
                        .containsExactlyInAnyOrderElementsOf(range(versions.get(sku)));
            }
        });
        for (String sku : skus) {
            List<Long> order = new ArrayList<>();
            Map<Long, String> eventIds = new ConcurrentHashMap<>();
            for (KafkaProbe.Received record : kafka.on(topic())) {
                if (!sku.equals(record.key())) {
                    continue;
                }
                JsonNode event = JSON.readTree(record.value());
                long version = event.path("version").asLong();
                String previous = eventIds.putIfAbsent(version, event.path("eventId").asText());
                if (previous == null) {
                    order.add(version);
                } else {
                    assertThat(event.path("eventId").asText()).as("a duplicate repeats the same event").isEqualTo(previous);
                }
            }
            assertThat(order).as("first publications of %s are in version order", sku).isSorted();
        }
        JsonNode audit = JSON.readTree(ProcessApi.get(inventory, "/api/v1/audit"));
        assertThat(audit.path("consistent").asBoolean()).as(audit.toString()).isTrue();
    }

    private static Map<Long, Integer> publishedVersions(String sku) throws Exception {
        Map<Long, Integer> seen = new HashMap<>();
        for (KafkaProbe.Received record : kafka.on(topic())) {
            if (sku.equals(record.key())) {
                seen.merge(JSON.readTree(record.value()).path("version").asLong(), 1, Integer::sum);
            }
        }
        return seen;
    }

    private static List<Long> range(long last) {
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= last; v++) {
            versions.add(v);
        }
        return versions;
    }
}
