package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static io.stockline.channel.ChannelTesting.quantities;
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

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.ConsumerContract;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ProducerContract;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TopicNames;

/**
 * channel-connector-service against deploy/asyncapi.yaml on the real broker: every stock-changed and item-changed
 * event the document allows is read, every one it refuses goes to the dead letters alone with a reason naming the
 * field (the batch consumer applies the rest of its batch); every sync-status report it sends keeps to the document.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class EventContractTest {

    static final String SERVICE = "channel-connector-service";

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.sync-status")
    String syncStatusTopic;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @InjectWireMock
    WireMockServer webhooks;

    TopicNames topics() {
        return TopicNames.like(stockChangedTopic, "inventory.stock-changed");
    }

    @TestFactory
    Stream<DynamicTest> everyEventTheContractAllowsIsReadAndEveryOtherIsDeadLettered() {
        return new ConsumerContract(SERVICE, Infrastructure.get().kafkaBootstrapServers(), topics()::topic).tests();
    }

    @Test
    void everySyncStatusReportKeepsToTheContract() {
        String location = newId("WH-CT");
        String channel = newId("hook");
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        createWebhookChannel(webhookBase, channel, "\"locations\":[\"" + location + "\"]").statusCode(201);
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(syncStatusTopic))) {
            kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, 1, 7);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku))
                    .containsExactly(7L));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kafka.on(syncStatusTopic))
                    .anyMatch(report -> channel.equals(report.key())));
            new ProducerContract(SERVICE).assertKept(kafka.on(syncStatusTopic), topics()::address);
        }
    }
}
