package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.platform.events.EventTypes;
import io.stockline.testsupport.ConsumerContract;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ProducerContract;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TopicNames;

/**
 * allocation-service against deploy/asyncapi.yaml on the real broker: every order, stock-changed and location event
 * the document allows is read (and every order it allows is decided), every one it refuses goes to the dead letters
 * with a reason naming the field; every decision it sends (decided, backordered, failed) keeps to the document.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class EventContractTest {

    static final String SERVICE = "allocation-service";
    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "stockline.topics.orders")
    String ordersTopic;

    @ConfigProperty(name = "stockline.topics.allocations")
    String allocationsTopic;

    @InjectWireMock
    WireMockServer inventory;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(allocationsTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    TopicNames topics() {
        return TopicNames.like(ordersTopic, "orders");
    }

    @TestFactory
    Stream<DynamicTest> everyEventTheContractAllowsIsReadAndEveryOtherIsDeadLettered() {
        return new ConsumerContract(SERVICE, Infrastructure.get().kafkaBootstrapServers(), topics()::topic)
                .expect(EventTypes.ORDER_PLACED, order -> assertThat(kafka.on(allocationsTopic))
                        .as("a decision on order " + order.get("orderId").asText())
                        .anyMatch(decision -> order.get("orderId").asText().equals(decision.key())))
                .tests();
    }

    @Test
    void everyDecisionKeepsToTheContract() throws Exception {
        String decided = "ct-decided-" + UUID.randomUUID();
        String failed = "ct-failed-" + UUID.randomUUID();
        String backordered = "ct-backordered-" + UUID.randomUUID();
        String stocked = "CT-" + UUID.randomUUID();
        String refused = "CT-" + UUID.randomUUID();
        // inventory shows stock of both; it reserves one order and keeps refusing the other (the default 409)
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + stocked)).willReturn(stock(stocked)));
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + refused)).willReturn(stock(refused)));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + decided + "-1-WH-CT"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(Map.of("id", UUID.randomUUID().toString(), "orderId", decided,
                                "status", "ACTIVE", "lines", List.of(Map.of("line", 1, "sku", stocked, "location",
                                        "WH-CT", "quantity", 1)))))));

        order(decided, stocked);
        order(failed, refused);
        order(backordered, "CT-NOWHERE-" + UUID.randomUUID());

        new ProducerContract(SERVICE).awaitKept(kafka, List.of(allocationsTopic), topics());
    }

    private void order(String orderId, String sku) throws Exception {
        kafka.sendCloudEvent(ordersTopic, orderId, EventTypes.ORDER_PLACED, UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", orderId, "lines",
                        List.of(Map.of("line", 1, "sku", sku, "quantity", 1)))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stock(String sku) throws Exception {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(
                Map.of("sku", sku, "locations", List.of(Map.of("location", "WH-CT", "available", 5, "version", 1)))));
    }
}
