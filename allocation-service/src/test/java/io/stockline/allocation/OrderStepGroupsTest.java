package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.messaging.AllocationEvents;
import io.stockline.allocation.saga.OrderAllocationSteps;
import io.stockline.allocation.saga.OrderAllocationSteps.Allocation;
import io.stockline.allocation.saga.OrderAllocationSteps.Begin;
import io.stockline.allocation.saga.OrderAllocationSteps.Held;
import io.stockline.allocation.saga.OrderAllocationSteps.Pending;
import io.stockline.allocation.saga.OrderAllocationSteps.Replan;
import io.stockline.allocation.saga.OrderStepGroups;
import io.stockline.allocation.saga.PendingPlan;
import io.stockline.platform.outbox.OutboxTrace;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * The orders in flight share the saga's begin, allocated and replan steps: a group of them is one transaction, and each
 * order in it is still answered and written as it would be alone, whatever the others' rows say.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class OrderStepGroupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    OrderAllocationSteps steps;

    @Inject
    OrderStepGroups groups;

    @InjectWireMock
    WireMockServer inventory;

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
    void aGroupOfNewOrdersAnswersEachOrderOnItsOwn() throws Throwable {
        String stocked = AllocationFlowTest.newSku();
        String missing = AllocationFlowTest.newSku();
        TestDatabase.execute("INSERT INTO availability (sku, location, available, version) VALUES (?, 'WH1', 10, 1)", stocked);

        OrderPlaced covered = order(AllocationFlowTest.newOrderId(), stocked, 2);
        OrderPlaced uncovered = order(AllocationFlowTest.newOrderId(), missing, 1);
        OrderPlaced decided = order(AllocationFlowTest.newOrderId(), stocked, 1);
        TestDatabase.execute("INSERT INTO allocation (order_id, status, attempt) VALUES (?, 'ALLOCATED', 1)", decided.orderId());
        OrderPlaced seen = order(AllocationFlowTest.newOrderId(), stocked, 1);
        UUID seenEvent = UUID.randomUUID();
        TestDatabase.execute("INSERT INTO processed_event (event_id) VALUES (CAST(? AS uuid))", seenEvent.toString());
        OrderPlaced resumed = order(AllocationFlowTest.newOrderId(), stocked, 3);
        storePending(resumed, 2);
        UUID decidedEvent = UUID.randomUUID();

        List<Uni<Pending>> answers = VertxContextSupport.subscribeAndAwait(() -> steps.beginAll(List.of(
                new Begin(UUID.randomUUID(), covered),
                new Begin(UUID.randomUUID(), uncovered),
                new Begin(decidedEvent, decided),
                new Begin(seenEvent, seen),
                new Begin(UUID.randomUUID(), resumed),
                new Begin(UUID.randomUUID(), covered)))); // the same order twice in one group

        Pending first = answers.get(0).await().indefinitely();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.plan().shipments()).singleElement()
                .satisfies(shipment -> assertThat(shipment.location()).isEqualTo("WH1"));
        assertThat(TestDatabase.query("SELECT status || '/' || attempt FROM allocation WHERE order_id = ?", covered.orderId()))
                .isEqualTo("PENDING/1");

        Pending short0 = answers.get(1).await().indefinitely();
        assertThat(short0.attempt()).isZero();
        assertThat(short0.plan()).isNull();
        assertThat(TestDatabase.query("SELECT status || '/' || attempt FROM allocation WHERE order_id = ?", uncovered.orderId()))
                .isEqualTo("PENDING/0");

        assertThat(answers.get(2).await().indefinitely()).isNull();
        assertThat(TestDatabase.query("SELECT count(*) FROM processed_event WHERE event_id = CAST(? AS uuid)",
                decidedEvent.toString())).isEqualTo("1");
        assertThat(TestDatabase.query("SELECT status FROM allocation WHERE order_id = ?", decided.orderId())).isEqualTo("ALLOCATED");

        assertThat(answers.get(3).await().indefinitely()).isNull();
        assertThat(TestDatabase.query("SELECT count(*) FROM allocation WHERE order_id = ?", seen.orderId())).isEqualTo("0");

        Pending again = answers.get(4).await().indefinitely();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.order().orderId()).isEqualTo(resumed.orderId());

        assertThatThrownBy(() -> answers.get(5).await().indefinitely()).hasMessageContaining("started meanwhile");
        assertThat(TestDatabase.query("SELECT count(*) FROM allocation WHERE order_id = ?", covered.orderId())).isEqualTo("1");
    }

    @Test
    void aGroupOfDecisionsWritesEachOrdersOwnDecisionAndLeavesAMovedRowAlone() throws Throwable {
        String sku = AllocationFlowTest.newSku();
        Pending whole = storePending(order(AllocationFlowTest.newOrderId(), sku, 2), 1);
        OrderPlaced partOrder = new OrderPlaced(AllocationFlowTest.newOrderId(), "webshop",
                List.of(new OrderPlaced.Line(1, sku, 2), new OrderPlaced.Line(2, AllocationFlowTest.newSku(), 1)), true);
        PendingPlan partPlan = new PendingPlan(null,
                List.of(new AllocationPlan.Shipment("WH1", List.of(partOrder.lines().get(0)))),
                List.of(partOrder.lines().get(1)));
        store(partOrder, 1, partPlan);
        Pending part = new Pending(partOrder, 1, partPlan, 0, false);
        // someone else took this one to its next attempt after the hold was made: the decision of attempt 1 is stale
        Pending moved = storePending(order(AllocationFlowTest.newOrderId(), sku, 1), 2);
        Pending stale = new Pending(moved.order(), 1, moved.plan(), 0, false);
        UUID staleEvent = UUID.randomUUID();
        OutboxTrace wholeTrace = new OutboxTrace("00-" + hex(32) + "-" + hex(16) + "-01", null);
        OutboxTrace partTrace = new OutboxTrace("00-" + hex(32) + "-" + hex(16) + "-01", "vendor=part");

        List<Uni<Void>> answers = VertxContextSupport.subscribeAndAwait(() -> steps.allocatedAll(List.of(
                new Allocation(null, whole, held(whole), wholeTrace),
                new Allocation(staleEvent, stale, held(stale), OutboxTrace.NONE),
                new Allocation(UUID.randomUUID(), part, held(part), partTrace))));
        answers.forEach(answer -> answer.await().indefinitely());

        assertThat(TestDatabase.query("SELECT status FROM allocation WHERE order_id = ?", whole.order().orderId()))
                .isEqualTo("ALLOCATED");
        assertThat(TestDatabase.query("SELECT status FROM allocation WHERE order_id = ?", part.order().orderId()))
                .isEqualTo("ALLOCATED");
        assertThat(TestDatabase.query("SELECT count(*) FROM allocation_shipment WHERE order_id IN (?, ?)", whole.order().orderId(),
                part.order().orderId())).isEqualTo("2");
        assertThat(TestDatabase.query("SELECT status || '/' || attempt FROM allocation WHERE order_id = ?", stale.order().orderId()))
                .isEqualTo("PENDING/2");
        assertThat(TestDatabase.query("SELECT count(*) FROM allocation_shipment WHERE order_id = ?", stale.order().orderId()))
                .isEqualTo("0");
        assertThat(TestDatabase.query("SELECT count(*) FROM processed_event WHERE event_id = CAST(? AS uuid)", staleEvent.toString()))
                .isEqualTo("1");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(records(whole.order().orderId())).singleElement().satisfies(decision -> {
                assertThat(decision.header("ce_type")).isEqualTo(AllocationEvents.DECIDED_TYPE);
                assertThat(decision.header("traceparent")).isEqualTo(wholeTrace.traceparent());
            });
            // its decision, then its backorder, in that order, each with the trace of its own order
            assertThat(records(part.order().orderId())).extracting(record -> record.header("ce_type"))
                    .containsExactly(AllocationEvents.DECIDED_TYPE, AllocationEvents.BACKORDERED_TYPE);
            assertThat(records(part.order().orderId())).allSatisfy(record -> {
                assertThat(record.header("traceparent")).isEqualTo(partTrace.traceparent());
                assertThat(record.header("tracestate")).isEqualTo("vendor=part");
            });
        });
        await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> records(stale.order().orderId()).isEmpty());
    }

    @Test
    void ordersBegunAtOnceAreGroupedAndEachGetsItsOwnPlan() throws Throwable {
        String sku = AllocationFlowTest.newSku();
        TestDatabase.execute("INSERT INTO availability (sku, location, available, version) VALUES (?, 'WH1', 100, 1)", sku);
        List<OrderPlaced> orders = IntStream.rangeClosed(1, 40)
                .mapToObj(quantity -> order(AllocationFlowTest.newOrderId(), sku, quantity)).toList();

        List<Pending> begun = atOnce(orders, order -> groups.begin(UUID.randomUUID(), order));

        for (int i = 0; i < orders.size(); i++) {
            Pending pending = begun.get(i);
            OrderPlaced order = orders.get(i);
            assertThat(pending.order().orderId()).isEqualTo(order.orderId());
            assertThat(pending.plan().shipments()).singleElement().satisfies(shipment ->
                    assertThat(shipment.lines()).singleElement().satisfies(line ->
                            assertThat(line.quantity()).isEqualTo(order.lines().get(0).quantity())));
            assertThat(TestDatabase.query("SELECT status || '/' || attempt || '/' || (plan IS NOT NULL) FROM allocation "
                    + "WHERE order_id = ?", order.orderId())).isEqualTo("PENDING/1/true");
        }
        // rows inserted by one transaction share its id (xmin): fewer transactions than orders, so they were grouped
        String ids = String.join(",", orders.stream().map(order -> "'" + order.orderId() + "'").toList());
        assertThat(Integer.parseInt(TestDatabase.query("SELECT count(DISTINCT xmin::text) FROM allocation WHERE order_id IN ("
                + ids + ")"))).isLessThan(orders.size());
    }

    @Test
    void aGroupOfReplansAnswersEachOrderOnItsOwn() throws Throwable {
        String stocked = AllocationFlowTest.newSku();
        String soldOut = AllocationFlowTest.newSku();
        TestDatabase.execute("INSERT INTO availability (sku, location, available, version) VALUES (?, 'WH2', 5, 3)", stocked);
        Pending again = storePending(order(AllocationFlowTest.newOrderId(), stocked, 2), 1);
        Pending shortOne = storePending(order(AllocationFlowTest.newOrderId(), soldOut, 1), 1);
        UUID shortEvent = UUID.randomUUID();
        OutboxTrace shortTrace = new OutboxTrace("00-" + hex(32) + "-" + hex(16) + "-01", "vendor=short");
        // someone else took this one to its next attempt meanwhile: the replan of attempt 2 is stale
        Pending movedOn = storePending(order(AllocationFlowTest.newOrderId(), soldOut, 1), 3);
        Pending stale = new Pending(movedOn.order(), 2, movedOn.plan(), 0, false);
        // a backorder taken up again that is still short: backordered again, silently
        Pending retried = storePending(order(AllocationFlowTest.newOrderId(), soldOut, 1), 2);
        Pending retry = new Pending(retried.order(), 2, retried.plan(), 2, true);

        List<Uni<Pending>> answers = VertxContextSupport.subscribeAndAwait(() -> steps.replanAll(List.of(
                new Replan(UUID.randomUUID(), again, OutboxTrace.NONE),
                new Replan(shortEvent, shortOne, shortTrace),
                new Replan(UUID.randomUUID(), stale, OutboxTrace.NONE),
                new Replan(null, retry, OutboxTrace.NONE),
                new Replan(UUID.randomUUID(), again, OutboxTrace.NONE)))); // the same order twice in one group

        Pending next = answers.get(0).await().indefinitely();
        assertThat(next.attempt()).isEqualTo(2);
        assertThat(next.plan().shipments()).singleElement()
                .satisfies(shipment -> assertThat(shipment.location()).isEqualTo("WH2"));
        assertThat(TestDatabase.query("SELECT status || '/' || attempt || '/' || (plan LIKE '%WH2%') FROM allocation "
                + "WHERE order_id = ?", again.order().orderId())).isEqualTo("PENDING/2/true");

        assertThat(answers.get(1).await().indefinitely()).isNull();
        assertThat(TestDatabase.query("SELECT status || '/' || attempt FROM allocation WHERE order_id = ?",
                shortOne.order().orderId())).isEqualTo("BACKORDERED/1");
        assertThat(TestDatabase.query("SELECT count(*) FROM processed_event WHERE event_id = CAST(? AS uuid)",
                shortEvent.toString())).isEqualTo("1");

        assertThat(answers.get(2).await().indefinitely()).isNull();
        assertThat(TestDatabase.query("SELECT status || '/' || attempt FROM allocation WHERE order_id = ?",
                stale.order().orderId())).isEqualTo("PENDING/3");

        assertThat(answers.get(3).await().indefinitely()).isNull();
        assertThat(TestDatabase.query("SELECT status || '/' || attempt FROM allocation WHERE order_id = ?",
                retry.order().orderId())).isEqualTo("BACKORDERED/2");

        assertThat(answers.get(4).await().indefinitely()).isNull();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(records(shortOne.order().orderId())).singleElement()
                .satisfies(decision -> {
                    assertThat(decision.header("ce_type")).isEqualTo(AllocationEvents.BACKORDERED_TYPE);
                    assertThat(decision.header("traceparent")).isEqualTo(shortTrace.traceparent());
                    assertThat(decision.header("tracestate")).isEqualTo("vendor=short");
                }));
        await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> records(stale.order().orderId()).isEmpty()
                && records(retry.order().orderId()).isEmpty() && records(again.order().orderId()).isEmpty());
    }

    @Test
    void ordersReplannedAtOnceAreGroupedAndShareInventorysFigures() throws Throwable {
        String sku = AllocationFlowTest.newSku();
        TestDatabase.execute("INSERT INTO availability (sku, location, available, version) VALUES (?, 'WH1', 40, 1)", sku);
        // inventory says the SKU sold out since the read model saw it
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sku\":\"" + sku + "\",\"locations\":[{\"location\":\"WH1\",\"available\":0,\"version\":9}]}")));
        List<Pending> refused = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refused.add(storePending(order(AllocationFlowTest.newOrderId(), sku, 1), 1));
        }

        assertThat(atOnce(refused, pending -> groups.replan(UUID.randomUUID(), pending))).containsOnlyNulls();

        assertThat(TestDatabase.query("SELECT available || '/' || version FROM availability WHERE sku = ? AND location = 'WH1'",
                sku)).isEqualTo("0/9");
        String ids = String.join(",", refused.stream().map(pending -> "'" + pending.order().orderId() + "'").toList());
        assertThat(TestDatabase.query("SELECT count(*) FROM allocation WHERE status = 'BACKORDERED' AND order_id IN ("
                + ids + ")")).isEqualTo(String.valueOf(refused.size()));
        // rows moved by one transaction share its id (xmin): fewer transactions than orders, so they were grouped
        assertThat(Integer.parseInt(TestDatabase.query("SELECT count(DISTINCT xmin::text) FROM allocation WHERE order_id IN ("
                + ids + ")"))).isLessThan(refused.size());
        // and a group reads the SKU's figures once for all of its orders, each read sent after its orders were refused
        assertThat(inventory.findAll(getRequestedFor(urlEqualTo("/api/v1/stock/" + sku)))).hasSizeLessThan(refused.size());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(refused).allSatisfy(pending ->
                assertThat(records(pending.order().orderId())).singleElement().satisfies(decision ->
                        assertThat(decision.header("ce_type")).isEqualTo(AllocationEvents.BACKORDERED_TYPE))));
    }

    /** {@code step} called for each input from a thread of its own, all released at once; the answers in input order. */
    private static <T, R> List<R> atOnce(List<T> inputs, Function<T, Uni<R>> step) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(inputs.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<R>> answers = new ArrayList<>();
        try {
            for (T input : inputs) {
                answers.add(callers.submit(() -> {
                    start.await();
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> step.apply(input));
                    } catch (Throwable failure) {
                        throw new IllegalStateException(failure);
                    }
                }));
            }
            start.countDown();
            List<R> answered = new ArrayList<>();
            for (Future<R> answer : answers) {
                answered.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answered;
        } finally {
            callers.shutdownNow();
        }
    }

    private static OrderPlaced order(String orderId, String sku, long quantity) {
        return new OrderPlaced(orderId, "webshop", List.of(new OrderPlaced.Line(1, sku, quantity)), true);
    }

    /** The order's row, PENDING at {@code attempt} with a plan of one shipment at WH1. */
    private Pending storePending(OrderPlaced order, int attempt) throws Exception {
        PendingPlan plan = new PendingPlan(null, List.of(new AllocationPlan.Shipment("WH1", order.lines())), List.of());
        store(order, attempt, plan);
        return new Pending(order, attempt, plan, 0, false);
    }

    private void store(OrderPlaced order, int attempt, PendingPlan plan) throws Exception {
        TestDatabase.execute("INSERT INTO allocation (order_id, status, channel, attempt, order_payload, plan) "
                + "VALUES (?, 'PENDING', 'webshop', CAST(? AS int), ?, ?)", order.orderId(), String.valueOf(attempt),
                JSON.writeValueAsString(order), JSON.writeValueAsString(plan));
    }

    private static List<Held> held(Pending pending) {
        return pending.plan().shipments().stream().map(shipment -> new Held(shipment, UUID.randomUUID())).toList();
    }

    private static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, digits);
    }

    private List<KafkaProbe.Received> records(String orderId) {
        return kafka.on(allocationsTopic).stream().filter(record -> orderId.equals(record.key())).toList();
    }
}
