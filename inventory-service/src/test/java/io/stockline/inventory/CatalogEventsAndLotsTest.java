package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * Item and location facts reach inventory.items / inventory.locations (an item's change once, however many requests race
 * to make it); lots follow on hand, first to expire first out.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class CatalogEventsAndLotsTest {

    private static final int RACERS = 8;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;
    @ConfigProperty(name = "stockline.topics.items")
    String itemsTopic;
    @ConfigProperty(name = "stockline.topics.locations")
    String locationsTopic;

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }


    @Test
    void itemCreationAndDiscontinuationArePublishedInRevisionOrder() throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(itemsTopic))) {
            String sku = item();
            given().contentType(ContentType.JSON).body(Map.of("status", "DISCONTINUED"))
                    .patch("/api/v1/items/" + sku).then().statusCode(200);
            given().contentType(ContentType.JSON).body(Map.of("status", "DISCONTINUED"))
                    .patch("/api/v1/items/" + sku).then().statusCode(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, itemsTopic, sku).size() >= 2);
            List<JsonNode> events = Api.events(kafka, itemsTopic, sku);
            assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("ACTIVE", "DISCONTINUED");
            assertThat(events).extracting(e -> e.path("revision").asLong()).containsExactly(1L, 2L);
            assertThat(kafka.on(itemsTopic).stream().filter(r -> sku.equals(r.key())).findFirst().orElseThrow()
                    .header("ce_type")).isEqualTo("io.stockline.inventory.item-changed.v1");
        }
    }

    @Test
    void requestsRacingToDiscontinueAnItemAnnounceTheChangeOnce() throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(itemsTopic))) {
            String sku = item();
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> racers = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    racers.add(pool.submit(() -> {
                        start.await();
                        return given().contentType(ContentType.JSON).body(Map.of("status", "DISCONTINUED"))
                                .patch("/api/v1/items/" + sku).then().body("status", equalTo("DISCONTINUED"))
                                .extract().statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> racer : racers) {
                    assertThat(racer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            given().contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                    .patch("/api/v1/items/" + sku).then().statusCode(200);

            // the item's events share a partition: whatever the race published arrives before the last change
            await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, itemsTopic, sku).stream()
                    .anyMatch(e -> e.path("revision").asLong() == 3));
            List<JsonNode> events = Api.events(kafka, itemsTopic, sku);
            assertThat(events).extracting(e -> e.path("revision").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(events).extracting(e -> e.path("status").asText())
                    .containsExactly("ACTIVE", "DISCONTINUED", "ACTIVE");
        }
    }

    @Test
    void locationFactsAndTheirChangesArePublished() throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(locationsTopic))) {
            String code = Api.unique("LOC");
            given().contentType(ContentType.JSON).body(Map.of("code", code, "name", "Berlin", "type", "WAREHOUSE",
                    "latitude", 52.52, "longitude", 13.405, "priority", 3, "countries", List.of("DE", "AT")))
                    .post("/api/v1/locations").then().statusCode(201);
            given().contentType(ContentType.JSON).body(Map.of("fulfilsOrders", false, "countries", List.of("DE")))
                    .patch("/api/v1/locations/" + code).then().statusCode(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, locationsTopic, code).size() >= 2);
            List<JsonNode> events = Api.events(kafka, locationsTopic, code);
            JsonNode created = events.get(0);
            assertThat(created.path("latitude").asDouble()).isEqualTo(52.52);
            assertThat(created.path("priority").asInt()).isEqualTo(3);
            assertThat(created.path("countries").toString()).isEqualTo("[\"AT\",\"DE\"]");
            assertThat(created.path("fulfilsOrders").asBoolean()).isTrue();
            JsonNode changed = events.get(1);
            assertThat(changed.path("revision").asLong()).isEqualTo(2);
            assertThat(changed.path("fulfilsOrders").asBoolean()).isFalse();
            assertThat(changed.path("countries").toString()).isEqualTo("[\"DE\"]");
            assertThat(changed.path("priority").asInt()).as("unchanged fields stay").isEqualTo(3);
        }
    }

    @Test
    void aCountryMustBeAnIsoCode() {
        given().contentType(ContentType.JSON).body(Map.of("code", Api.unique("LOC"), "name", "X",
                "type", "WAREHOUSE", "countries", List.of("Germany"))).post("/api/v1/locations")
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.startsWith("countries[0]"));
        String code = location();
        given().contentType(ContentType.JSON).body(Map.of("countries", List.of("de")))
                .patch("/api/v1/locations/" + code)
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.startsWith("countries[0]"));
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("priority", 1))
                .patch("/api/v1/locations/NO-SUCH-" + code), 404, "code");
    }

    private static String lotTrackedItem() {
        String sku = Api.unique("LOT");
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Yoghurt", "lotTracked", true))
                .post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    private static Response move(String type, String sku, String location, long quantity, String lot, String expiresOn) {
        Map<String, Object> body = new HashMap<>(Api.movement(type, sku, location, quantity));
        if (lot != null) {
            body.put("lot", lot);
        }
        if (expiresOn != null) {
            body.put("expiresOn", expiresOn);
        }
        return given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                .post("/api/v1/movements");
    }

    @Test
    void lotsFollowOnHandFirstToExpireFirstOut() throws Exception {
        // dates from today: a lot past its date is no longer sold first (it waits for the expiry job)
        String soon = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(24).toString();
        String late = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(120).toString();
        String loc = location();
        String sku = lotTrackedItem();
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic))) {
            move("RECEIPT", sku, loc, 5, "L-LATE", late).then().statusCode(201);
            move("RECEIPT", sku, loc, 4, "L-SOON", soon).then().statusCode(201);
            move("SALE", sku, loc, 6, null, null).then().statusCode(201);
            move("DAMAGE", sku, loc, 1, null, null).then().statusCode(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, stockChangedTopic, sku).size() >= 4);
            List<JsonNode> events = Api.events(kafka, stockChangedTopic, sku);
            assertThat(events.get(0).path("lots").toString())
                    .isEqualTo("[{\"lot\":\"L-LATE\",\"expiresOn\":\"" + late + "\",\"quantity\":5}]");
            assertThat(events.get(1).path("lots").toString()).isEqualTo("[{\"lot\":\"L-SOON\",\"expiresOn\":\"" + soon + "\","
                    + "\"quantity\":4},{\"lot\":\"L-LATE\",\"expiresOn\":\"" + late + "\",\"quantity\":5}]");
            assertThat(events.get(2).path("lots").toString()).as("the 4 expiring first go first, then 2 of the later lot")
                    .isEqualTo("[{\"lot\":\"L-LATE\",\"expiresOn\":\"" + late + "\",\"quantity\":3}]");
            assertThat(events.get(3).has("lots")).as("damage keeps the units on hand: lots unchanged").isFalse();
        }
    }

    @Test
    void aDepartureMayNameItsLotAndTheLastUnitsLeaveAnEmptyList() throws Exception {
        String soon = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        String late = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(366).toString();
        String loc = location();
        String sku = lotTrackedItem();
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic))) {
            move("RECEIPT", sku, loc, 2, "A", soon).then().statusCode(201);
            move("RECEIPT", sku, loc, 2, "B", late).then().statusCode(201);
            move("LOSS", sku, loc, 2, "B", null).then().statusCode(201);
            move("SALE", sku, loc, 2, null, null).then().statusCode(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, stockChangedTopic, sku).size() >= 4);
            List<JsonNode> events = Api.events(kafka, stockChangedTopic, sku);
            assertThat(events.get(2).path("lots").toString())
                    .isEqualTo("[{\"lot\":\"A\",\"expiresOn\":\"" + soon + "\",\"quantity\":2}]");
            assertThat(events.get(3).path("lots").toString()).isEqualTo("[]");
        }
    }

    @Test
    void lotsAreNamedOnArrivalAndOnlyForLotTrackedItems() {
        String loc = location();
        String tracked = lotTrackedItem();
        String plain = item();
        assertProblem(move("RECEIPT", tracked, loc, 1, null, "2027-01-01"), 422, "lot");
        assertProblem(move("RECEIPT", plain, loc, 1, "L1", null), 422, "lot");
        assertProblem(move("RECEIPT", plain, loc, 1, null, "2027-01-01"), 422, "expiresOn");
        assertThat(Api.stock(tracked).getList("locations")).isEmpty();
        moved("RECEIPT", plain, loc, 1);
    }
}
