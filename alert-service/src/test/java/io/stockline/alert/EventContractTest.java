package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.newSku;
import static io.stockline.alert.AlertTestSupport.stockChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.ConsumerContract;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ProducerContract;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TopicNames;

/**
 * alert-service against deploy/asyncapi.yaml on the real broker: every stock-changed and sync-status payload the
 * document allows is read, every one it refuses goes to the dead letters with a reason naming the field; every alert
 * event it sends keeps to the document.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class EventContractTest {

    static final String SERVICE = "alert-service";

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    TopicNames topics() {
        return TopicNames.like(stockChangedTopic, "inventory.stock-changed");
    }

    @TestFactory
    Stream<DynamicTest> everyEventTheContractAllowsIsReadAndEveryOtherIsDeadLettered() {
        return new ConsumerContract(SERVICE, Infrastructure.get().kafkaBootstrapServers(), topics()::topic).tests();
    }

    @Test
    void everyAlertEventKeepsToTheContract() {
        String sku = newSku();
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(alertsTopic))) {
            // under the default reorder point (5): LOW_STOCK opens (with the legacy low-stock event), then resolves
            stockChanged(kafka, stockChangedTopic, UUID.randomUUID(), sku, "WH-CT", 1, 2, null);
            stockChanged(kafka, stockChangedTopic, UUID.randomUUID(), sku, "WH-CT", 2, 80, null);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kafka.on(alertsTopic))
                    .filteredOn(record -> sku.equals(record.key())).extracting(record -> record.header("ce_type"))
                    .contains("io.stockline.alert.opened.v1", "io.stockline.alert.resolved.v1",
                            "io.stockline.alert.low-stock.v1"));
            new ProducerContract(SERVICE).assertKept(kafka.on(alertsTopic), topics()::address);
        }
    }
}
