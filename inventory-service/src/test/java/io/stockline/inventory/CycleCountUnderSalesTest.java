package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Counting.approve;
import static io.stockline.inventory.Counting.count;
import static io.stockline.inventory.Counting.start;
import static io.stockline.inventory.Counting.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * A count taken while orders flow: sales, reservations committed and receipts go on from before the counter starts
 * until after the approval. The count keeps its ledger position, so the approval corrects on hand by
 * {@code counted - on hand at the position} and every unit sold after the position stays sold: the final on hand is
 * what was counted, minus what left after the position, plus what arrived after it.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class CycleCountUnderSalesTest {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final String OPERATOR = Tokens.bearer("operator");
    private static final int CALLERS = 6;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    private KafkaProbe kafka;
    private ExecutorService callers;
    private HttpClient http;

    /** What the callers did, as the API answered it. */
    private final AtomicLong sold = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger operations = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic));
        callers = Executors.newFixedThreadPool(CALLERS);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        stop.set(true);
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
        kafka.close();
        Api.assertAuditConsistent();
    }

    private HttpResponse<String> post(String path, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", OPERATOR).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One caller: a sale, a reservation then its commit, another sale, and every fifth round a receipt. */
    private void trade(String sku, String location) throws Exception {
        for (int round = 0; !stop.get(); round++) {
            String movement = """
                    {"type":"%s","sku":"%s","location":"%s","quantity":%d,"reason":"under count"}""";
            switch (round % 3) {
                case 0, 2 -> {
                    if (post("api/v1/movements", UUID.randomUUID().toString(),
                            movement.formatted("SALE", sku, location, 1)).statusCode() == 201) {
                        sold.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                }
                default -> {
                    HttpResponse<String> held = post("api/v1/reservations", UUID.randomUUID().toString(), """
                            {"orderId":"%s","lines":[{"line":1,"sku":"%s","location":"%s","quantity":2}]}"""
                            .formatted("order-" + UUID.randomUUID(), sku, location));
                    Matcher id = ID.matcher(held.body());
                    if (held.statusCode() == 201 && id.find()
                            && post("api/v1/reservations/" + id.group(1) + "/commit", null, "").statusCode() == 200) {
                        committed.addAndGet(2);
                    } else {
                        failures.incrementAndGet();
                    }
                }
            }
            if (round % 5 == 4) {
                if (post("api/v1/movements", UUID.randomUUID().toString(),
                        movement.formatted("RECEIPT", sku, location, 3)).statusCode() == 201) {
                    received.addAndGet(3);
                } else {
                    failures.incrementAndGet();
                }
            }
            operations.incrementAndGet();
        }
    }

    private void awaitOperations(int more) {
        int target = operations.get() + more;
        await().atMost(Duration.ofSeconds(120)).until(() -> operations.get() >= target);
    }

    /** The SKU's ledger entries at the location after the movement id, oldest first. */
    private static List<Map<String, Object>> ledgerAfter(String sku, String location, long after) {
        List<Map<String, Object>> entries = new ArrayList<>();
        long cursor = after;
        while (true) {
            List<Map<String, Object>> page = given().queryParam("sku", sku).queryParam("location", location)
                    .queryParam("after", cursor).queryParam("limit", 1000).get("/api/v1/ledger").then().statusCode(200)
                    .extract().jsonPath().getList("$");
            if (page.isEmpty()) {
                return entries;
            }
            entries.addAll(page);
            cursor = ((Number) page.get(page.size() - 1).get("id")).longValue();
        }
    }

    /** What the entries did to on hand, by type, the count's own correction left out. */
    private static long onHandChange(List<Map<String, Object>> entries) {
        long change = 0;
        for (Map<String, Object> e : entries) {
            long quantity = ((Number) e.get("quantity")).longValue();
            change += switch ((String) e.get("type")) {
                case "RECEIPT" -> quantity;
                case "SALE", "COMMIT" -> -quantity;
                case "RESERVE", "RELEASE", "COUNT_CORRECTION" -> 0;
                default -> throw new AssertionError("unexpected movement " + e);
            };
        }
        return change;
    }

    private static long sum(List<Map<String, Object>> entries, String type) {
        return entries.stream().filter(e -> type.equals(e.get("type")))
                .mapToLong(e -> ((Number) e.get("quantity")).longValue()).sum();
    }

    @Test
    void salesDuringTheCountAreNotLost() throws Exception {
        String sku = Api.item();
        String location = Api.location();
        long initial = 2000;
        Api.moved("RECEIPT", sku, location, initial);
        String task = Counting.propose(location).getString("tasks[0].id");

        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            running.add(callers.submit(() -> {
                trade(sku, location);
                return null;
            }));
        }
        awaitOperations(20);

        // The first count is far off (1200 of ~2000): a recount, itself taken while the sales go on.
        start("operator", task).then().statusCode(200);
        awaitOperations(20);
        count("operator", task, 1200).then().statusCode(200).body("status", equalTo("RECOUNT_REQUESTED"));
        awaitOperations(20);
        start("operator", task).then().statusCode(200);
        awaitOperations(20);
        long counted = 1150;
        count("operator", task, counted).then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        JsonPath review = task("admin", task);
        long position = review.getLong("count.ledgerPosition");
        long expected = review.getLong("count.expected");

        // Orders keep flowing between the count and the approval, and during it.
        awaitOperations(40);
        JsonPath approved = approve(task).then().statusCode(200).extract().jsonPath();
        long correctionId = approved.getLong("decision.movementId");
        assertThat(approved.getLong("decision.correction")).isEqualTo(counted - expected);
        awaitOperations(20);
        stop.set(true);
        for (Future<?> caller : running) {
            caller.get(60, TimeUnit.SECONDS);
        }
        assertThat(failures.get()).as("no sale, reservation or receipt was refused").isZero();

        long finalOnHand = Counting.onHand(sku, location);
        List<Map<String, Object>> afterPosition = ledgerAfter(sku, location, position);
        List<Map<String, Object>> corrections = afterPosition.stream()
                .filter(e -> "COUNT_CORRECTION".equals(e.get("type"))).toList();
        assertThat(corrections).hasSize(1);
        assertThat(((Number) corrections.get(0).get("id")).longValue()).isEqualTo(correctionId);
        assertThat(corrections.get(0).get("reference")).isEqualTo(task);

        // What left between the count and the approval: the sales during counting that an overwrite would lose.
        List<Map<String, Object>> beforeApproval = afterPosition.stream()
                .filter(e -> ((Number) e.get("id")).longValue() < correctionId).toList();
        long leftBeforeApproval = sum(beforeApproval, "SALE") + sum(beforeApproval, "COMMIT");
        assertThat(leftBeforeApproval).as("units sold between the count and its approval").isPositive();

        long leftAfterPosition = sum(afterPosition, "SALE") + sum(afterPosition, "COMMIT");
        long arrivedAfterPosition = sum(afterPosition, "RECEIPT");
        assertThat(finalOnHand).isEqualTo(counted - leftAfterPosition + arrivedAfterPosition);
        assertThat(finalOnHand).isEqualTo(counted + onHandChange(afterPosition));

        // The ledger holds every sale, commit and receipt the callers were told succeeded, none more.
        List<Map<String, Object>> everything = ledgerAfter(sku, location, 0);
        assertThat(sum(everything, "SALE")).isEqualTo(sold.get());
        assertThat(sum(everything, "COMMIT")).isEqualTo(committed.get());
        assertThat(sum(everything, "RECEIPT")).isEqualTo(initial + received.get());
        // ... and the count's position split them: what was on hand there is what the count was compared with.
        List<Map<String, Object>> upToPosition = everything.stream()
                .filter(e -> ((Number) e.get("id")).longValue() <= position).toList();
        assertThat(onHandChange(upToPosition)).isEqualTo(expected);
        assertThat(finalOnHand).isEqualTo(initial + received.get() - sold.get() - committed.get() + (counted - expected));

        Log.infof("count under sales: %d rounds by %d callers; sold %d, committed %d, received %d; position %d with %d"
                + " on hand, counted %d; %d units left between the count and its approval; final on hand %d",
                operations.get(), CALLERS, sold.get(), committed.get(), received.get(), position, expected, counted,
                leftBeforeApproval, finalOnHand);
        long correctionOnHand = counted + onHandChange(beforeApproval);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key()) && r.value().contains("\"movementType\":\"COUNT_CORRECTION\"")
                        && r.value().contains("\"movementId\":" + correctionId)
                        && r.value().contains("\"onHand\":" + correctionOnHand + ",")));
    }
}
