package io.stockline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.platform.events.EventContract;
import io.stockline.testsupport.ContractInstances;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * The outbox is what makes a crash lose nothing: what an instance committed but never relayed (it died between
 * the commit and the send) is published by the platform's relay (woken by the outbox trigger, or its timer), in
 * order, to the topic each row names, and then removed.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class OutboxRelayTest {

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    @Test
    void rowsLeftInTheOutboxArePublishedInOrderAndRemoved() throws Exception {
        String key = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        // payloads the contract allows: EventContractTest holds every record on the alerts topic to the document
        List<String> payloads = new ContractInstances(EventContract.bundled()).valid(AlertTestSupport.OPENED).stream()
                .map(ContractInstances.Valid::json).distinct().limit(ids.size()).toList();
        assertThat(payloads).hasSize(ids.size());
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(alertsTopic));
                Connection db = TestDatabase.connect()) {
            // As a crashed instance leaves them: committed, never sent.
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO outbox (event_id, event_type, topic, message_key, payload) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ids.size(); i++) {
                    insert.setObject(1, ids.get(i));
                    insert.setString(2, AlertTestSupport.OPENED);
                    insert.setString(3, alertsTopic);
                    insert.setString(4, key);
                    insert.setString(5, payloads.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.on(alertsTopic))
                    .filteredOn(r -> key.equals(r.key())).hasSize(3));
            assertThat(kafka.on(alertsTopic)).filteredOn(r -> key.equals(r.key()))
                    .extracting(r -> r.header("ce_id"), KafkaProbe.Received::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ids.get(0).toString(), payloads.get(0)),
                            org.assertj.core.groups.Tuple.tuple(ids.get(1).toString(), payloads.get(1)),
                            org.assertj.core.groups.Tuple.tuple(ids.get(2).toString(), payloads.get(2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM outbox WHERE message_key = ?")) {
                    count.setString(1, key);
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        return rows.getLong(1) == 0;
                    }
                }
            });
        }
    }
}
