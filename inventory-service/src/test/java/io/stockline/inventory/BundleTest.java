package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
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

@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class BundleTest {

    private static final int RACE_ROUNDS = 20;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static Response createBundle(String sku, Map<String, Long> components) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Bundle " + sku, "kind", "BUNDLE", "components",
                        components.entrySet().stream()
                                .map(c -> Map.of("sku", c.getKey(), "quantity", c.getValue())).toList()))
                .post("/api/v1/items");
    }

    private static String bundle(Map<String, Long> components) {
        String sku = Api.unique("BUNDLE");
        createBundle(sku, components).then().statusCode(201);
        return sku;
    }

    private static long bundleAvailable(String sku, String location) {
        List<Map<String, Object>> locations = Api.stock(sku).getList("locations");
        return locations.stream().filter(l -> location.equals(l.get("location")))
                .mapToLong(l -> ((Number) l.get("available")).longValue()).findFirst().orElse(0);
    }

    @Test
    void twoBundlesSharingAComponentNeverPromiseTheSameUnitTwice() {
        String loc = location();
        String mug = item();
        String tea = item();
        moved("RECEIPT", mug, loc, 5);
        moved("RECEIPT", tea, loc, 3);
        String giftSet = bundle(Map.of(mug, 2L, tea, 1L));
        String singleMug = bundle(Map.of(mug, 1L));

        assertThat(bundleAvailable(giftSet, loc)).isEqualTo(2); // min(5 / 2, 3 / 1)
        assertThat(bundleAvailable(singleMug, loc)).isEqualTo(5);

        Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, giftSet, loc, 2))).then().statusCode(201);
        assertThat(at(mug, loc).available()).isEqualTo(1);
        assertThat(at(tea, loc).available()).isEqualTo(1);
        assertThat(bundleAvailable(giftSet, loc)).isZero();
        assertThat(bundleAvailable(singleMug, loc)).isEqualTo(1);

        assertProblem(Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, singleMug, loc, 2))), 409,
                "lines[0].quantity");
        Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, singleMug, loc, 1))).then().statusCode(201);
        assertThat(at(mug, loc).available()).isZero();
    }

    @Test
    void bundleQuantitiesThatWouldOverflowAreRefusedNamingTheLineAndChangeNothing() {
        String loc = location();
        String part = item();
        moved("RECEIPT", part, loc, 10);
        String inner = bundle(Map.of(part, 1_000_000_000L));
        String outer = bundle(Map.of(inner, 1_000_000_000L)); // 10^18 of the part in one
        String deepest = bundle(Map.of(outer, 1_000_000_000L)); // 10^27: past a long
        Api.Level before = at(part, loc);

        // 10 outer bundles take 10^19 of the part: past a long, once wrapped round to a small negative number
        assertProblem(Api.reserve(Api.key(), Api.unique("o"),
                List.of(Api.line(1, part, loc, 1), Api.line(2, outer, loc, 10))), 422, "lines[1].quantity");
        assertProblem(Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, deepest, loc, 1))), 422,
                "lines[0].quantity");
        assertProblem(Api.move("SALE", outer, loc, 10), 422, "quantity");
        // one outer bundle takes 10^18: no overflow, but more than one movement may move
        assertProblem(Api.move("SALE", outer, loc, 1), 422, "quantity");
        assertThat(bundleAvailable(deepest, loc)).isZero();
        assertThat(at(part, loc)).isEqualTo(before);

        assertProblem(createBundle(Api.unique("BUNDLE"), Map.of(part, 1_000_000_001L)), 400,
                "components[0].quantity");
    }

    @Test
    void aReservedBundleHoldsItsComponentsAndReleasingOrCommittingMovesThem() {
        String loc = location();
        String a = item();
        String b = item();
        moved("RECEIPT", a, loc, 10);
        moved("RECEIPT", b, loc, 10);
        String kit = bundle(Map.of(a, 2L, b, 3L));

        Response held = Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, kit, null, 2)));
        held.then().statusCode(201);
        assertThat(held.jsonPath().getList("lines.sku", String.class)).containsExactlyInAnyOrder(a, b);
        assertThat(held.jsonPath().getList("lines.bundle", String.class)).containsOnly(kit);
        assertThat(at(a, loc).committed()).isEqualTo(4);
        assertThat(at(b, loc).committed()).isEqualTo(6);

        Api.commit(held.jsonPath().getString("id")).then().statusCode(200);
        assertThat(at(a, loc)).isEqualTo(Api.Level.of(6, 6, 0, 0, 0, 0, 3));
        assertThat(at(b, loc)).isEqualTo(Api.Level.of(4, 4, 0, 0, 0, 0, 3));
    }

    @Test
    void nestedBundlesCountThroughEveryLevelAndSellingOneSellsItsParts() {
        String loc = location();
        String cup = item();
        String saucer = item();
        String spoon = item();
        moved("RECEIPT", cup, loc, 12);
        moved("RECEIPT", saucer, loc, 12);
        moved("RECEIPT", spoon, loc, 7);
        String cupAndSaucer = bundle(Map.of(cup, 1L, saucer, 1L));
        String teaForTwo = bundle(Map.of(cupAndSaucer, 2L, spoon, 2L));

        assertThat(bundleAvailable(teaForTwo, loc)).isEqualTo(3); // spoons: 7 / 2
        given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Api.movement("SALE", teaForTwo, loc, 2)).post("/api/v1/movements").then().statusCode(201);
        assertThat(at(cup, loc).onHand()).isEqualTo(8);
        assertThat(at(saucer, loc).onHand()).isEqualTo(8);
        assertThat(at(spoon, loc).onHand()).isEqualTo(3);
        assertThat(bundleAvailable(teaForTwo, loc)).isEqualTo(1);
        assertThat(bundleAvailable(cupAndSaucer, loc)).isEqualTo(8);
    }

    @Test
    void aBundleHoldsNoStockOfItsOwnAndABadOneIsRefused() {
        String loc = location();
        String part = item();
        String kit = bundle(Map.of(part, 1L));
        assertProblem(Api.move("RECEIPT", kit, loc, 1), 422, "sku");

        String self = Api.unique("BUNDLE");
        assertProblem(createBundle(self, Map.of(self, 1L)), 422, "components[0].sku");
        assertProblem(createBundle(Api.unique("BUNDLE"), Map.of("NO-SUCH-PART", 1L)), 404, "components[0].sku");
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("sku", Api.unique("BUNDLE"), "name", "Empty", "kind", "BUNDLE"))
                .post("/api/v1/items"), 422, "components");
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("sku", Api.unique("PLAIN"), "name", "Plain", "components",
                        List.of(Map.of("sku", part, "quantity", 1))))
                .post("/api/v1/items"), 422, "components");
        given().get("/api/v1/items/" + kit).then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.equalTo("BUNDLE"))
                .body("components[0].sku", org.hamcrest.Matchers.equalTo(part));
    }

    @Test
    void aComponentChangePublishesTheBundlesNewAvailabilityWithItsOwnVersion() throws Exception {
        String loc = location();
        String part = item();
        String pair = bundle(Map.of(part, 2L));
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(stockChangedTopic))) {
            moved("RECEIPT", part, loc, 5);
            moved("SALE", part, loc, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                    .filter(r -> pair.equals(r.key())).count() == 2);
            List<JsonNode> events = Api.events(kafka, stockChangedTopic, pair);
            assertThat(events).extracting(e -> e.path("available").asLong()).containsExactly(2L, 2L);
            assertThat(events).extracting(e -> e.path("version").asLong()).containsExactly(1L, 2L);
            assertThat(events).extracting(e -> e.path("location").asText()).containsOnly(loc);
        }
    }

    @Test
    void theBundlesHighestVersionCarriesItsNumberWhenTwoOfItsComponentsChangeAtOnce() throws Exception {
        String loc = location();
        String sold = item();
        String received = item();
        String pair = bundle(Map.of(sold, 1L, received, 1L));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(stockChangedTopic))) {
            moved("RECEIPT", sold, loc, 100);
            moved("RECEIPT", received, loc, 100);
            for (int round = 1; round <= RACE_ROUNDS; round++) {
                // one sale of the scarcer component, one receipt of the other, at once: the bundle makes one fewer
                CountDownLatch start = new CountDownLatch(1);
                Future<?> sale = pool.submit(() -> {
                    start.await();
                    moved("SALE", sold, loc, 1);
                    return null;
                });
                Future<?> receipt = pool.submit(() -> {
                    start.await();
                    moved("RECEIPT", received, loc, 1);
                    return null;
                });
                start.countDown();
                sale.get(30, TimeUnit.SECONDS);
                receipt.get(30, TimeUnit.SECONDS);

                long truth = bundleAvailable(pair, loc);
                assertThat(truth).isEqualTo(100 - round);
                int expected = 2 + 2 * round;
                await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, stockChangedTopic, pair).size() >= expected);
                JsonNode newest = Api.events(kafka, stockChangedTopic, pair).stream()
                        .max(Comparator.comparingLong(e -> e.path("version").asLong())).orElseThrow();
                assertThat(newest.path("available").asLong()).as("round %d: the highest version's number", round)
                        .isEqualTo(truth);
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
