package io.stockline.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.messaging.AllocationEvents;
import io.stockline.allocation.saga.OrderAllocationSteps;
import io.stockline.allocation.saga.OrderAllocationSteps.Held;
import io.stockline.allocation.saga.OrderAllocationSteps.Pending;
import io.stockline.allocation.saga.PendingPlan;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * A decision is written to the outbox in the transaction of the allocation row's transition: when that
 * transaction fails after the outbox write, the decision is gone with it and never reaches {@code allocations}.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class DecisionOutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    OrderAllocationSteps steps;

    @ConfigProperty(name = "stockline.topics.allocations")
    String allocationsTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(allocationsTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aDecisionWhoseTransactionRollsBackAfterTheOutboxWriteIsNeverPublished() throws Throwable {
        String sku = AllocationFlowTest.newSku();
        String orderId = AllocationFlowTest.newOrderId();
        Pending pending = pendingOrder(orderId, sku);
        // Someone else's change got there first: the order already has a shipment row at WH1, so the decision's
        // own insert of it fails after the decision was written to the outbox, and the transaction rolls back.
        TestDatabase.execute("INSERT INTO allocation_shipment (order_id, location, reservation_id, status, lines) "
                + "VALUES (?, 'WH1', CAST(? AS uuid), 'HELD', '[]')", orderId, UUID.randomUUID().toString());

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> steps.allocated(null, pending,
                List.of(new Held(pending.plan().shipments().get(0), UUID.randomUUID())))))
                .hasStackTraceContaining("allocation_shipment_pkey");

        assertThat(TestDatabase.query("SELECT count(*) FROM outbox WHERE message_key = ?", orderId)).isEqualTo("0");
        assertThat(TestDatabase.query("SELECT status FROM allocation WHERE order_id = ?", orderId)).isEqualTo("PENDING");

        // The same step for another order commits, and its decision is published under its stable id ...
        String marker = AllocationFlowTest.newOrderId();
        Pending markerPending = pendingOrder(marker, sku);
        VertxContextSupport.subscribeAndAwait(() -> steps.allocated(null, markerPending,
                List.of(new Held(markerPending.plan().shipments().get(0), UUID.randomUUID()))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(marker)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_id"))
                        .isEqualTo(AllocationEvents.eventId(marker, AllocationEvents.DECIDED_TYPE, 1).toString())));
        await().atMost(TIMEOUT).until(() -> "0".equals(TestDatabase.query("SELECT count(*) FROM outbox")));
        // ... while the rolled-back one never is.
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> decisions(orderId).isEmpty());
    }

    /** An order whose plan (one shipment at WH1, attempt 1) is stored and about to be decided. */
    private Pending pendingOrder(String orderId, String sku) throws Exception {
        OrderPlaced order = new OrderPlaced(orderId, "webshop", List.of(new OrderPlaced.Line(1, sku, 2)), true);
        PendingPlan plan = new PendingPlan(null, List.of(new AllocationPlan.Shipment("WH1", order.lines())), List.of());
        TestDatabase.execute("INSERT INTO allocation (order_id, status, channel, attempt, order_payload, plan) "
                + "VALUES (?, 'PENDING', 'webshop', 1, ?, ?)", orderId, JSON.writeValueAsString(order),
                JSON.writeValueAsString(plan));
        return new Pending(order, 1, plan, 0, false);
    }

    private List<KafkaProbe.Received> decisions(String orderId) {
        return kafka.on(allocationsTopic).stream().filter(record -> orderId.equals(record.key())).toList();
    }
}
