package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Planning.PLANNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.stockline.inventory.planning.domain.DemandDay;
import io.stockline.inventory.planning.domain.PlanningPolicy;
import io.stockline.inventory.planning.domain.PolicyCalculator;
import io.stockline.inventory.planning.domain.PolicyInput;
import io.stockline.inventory.planning.domain.SupplyTerms;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.LedgerHistory;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Sales history in the ledger, a refresh, a suggestion out, a draft purchase order from it, sent; the reorder point
 * published on inventory.reorder-points. On the real database and broker. The exact figures are the policy
 * calculator's: the test asks it for the same input rather than pinning numbers.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class PlanningFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Decimals as the doubles the service computed, not floats. */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);
    private static final int LEAD_TIME = 7;
    private static final long MINIMUM = 20;
    private static final long MULTIPLE = 10;

    @ConfigProperty(name = "stockline.topics.reorder-points")
    String reorderPointsTopic;
    @ConfigProperty(name = "stockline.planning.history-days")
    int historyDays;
    @ConfigProperty(name = "stockline.planning.service-level.c")
    double serviceLevelC;
    @ConfigProperty(name = "stockline.planning.service-level.a")
    double serviceLevelA;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(reorderPointsTopic));
    }

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        kafka.close();
        Api.assertAuditConsistent();
    }

    @Test
    void aSellerUnderItsReorderPointIsSuggestedDraftedSentAndPublished() throws Exception {
        String location = Api.location();
        String supplier = Planning.supplier(LEAD_TIME, MINIMUM, MULTIPLE);
        String low = Api.item();
        String plenty = Api.item();
        Planning.sells(supplier, low, "2.50");
        Planning.sells(supplier, plenty, "2.50");
        // About ten a day, and thirty on the last twenty days (a promotion, flagged below)
        long[] sales = Planning.aboutTenADay(59);
        for (int i = sales.length - 20; i < sales.length; i++) {
            sales[i] += 20;
        }
        Planning.History lowHistory = new Planning.History(sales, 3, 4, 5);
        Planning.write(jdbcUrl, user, password, low, location, lowHistory);
        Planning.write(jdbcUrl, user, password, plenty, location, new Planning.History(sales, 10_000, 0, 0));
        given().contentType(ContentType.JSON).body(Map.of("abcClass", "A")).put("/api/v1/counting/abc/" + plenty)
                .then().statusCode(200);

        JsonPath refreshed = given().post(PLANNING + "/refresh").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(refreshed.getInt("policies")).isGreaterThanOrEqualTo(2);
        assertThat(refreshed.getInt("failed")).isZero();

        // The stored policy is the calculator's for the same history, terms and service level (C by default).
        SupplyTerms terms = new SupplyTerms(LEAD_TIME, 0, MINIMUM, MULTIPLE, new BigDecimal("2.5000"));
        PlanningPolicy expected = new PolicyCalculator().stockline(new PolicyInput(
                lowHistory.demand(historyDays, 0, 0), terms, serviceLevelC));
        JsonPath policies = given().get(PLANNING + "/policies/" + low).then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(policies.getList("policies")).hasSize(1);
        Map<String, Object> policy = policies.getMap("policies[0]");
        assertThat(policy.get("location")).isEqualTo(location);
        assertThat(policy.get("supplier")).isEqualTo(supplier);
        assertThat(policy.get("method")).isEqualTo("STOCKLINE");
        assertThat(policy.get("forecastMethod")).isEqualTo(expected.forecastMethod());
        assertThat(((Number) policy.get("reorderPoint")).longValue()).isEqualTo(expected.reorderPoint());
        assertThat(((Number) policy.get("orderQuantity")).longValue()).isEqualTo(expected.orderQuantity());
        assertThat(((Number) policy.get("safetyStock")).doubleValue()).isCloseTo(expected.safetyStock(), within(1e-6));
        assertThat(((Number) policy.get("dailyForecast")).doubleValue()).isCloseTo(expected.dailyForecast(), within(1e-6));
        assertThat(((Number) policy.get("serviceLevel")).doubleValue()).isEqualTo(serviceLevelC);
        assertThat(policy.get("serviceLevelFrom")).isEqualTo("C");
        assertThat(((Number) policy.get("leadTimeDays")).doubleValue()).isEqualTo(LEAD_TIME);
        assertThat(policy.get("leadTimeMeasured")).isEqualTo(false);
        assertThat(policies.getMap("policies[0].error")).containsKeys("mase", "bias");
        // Demand is sales only; returns and transfers are counted apart; the days before the first receipt had no
        // stock, so they are censored rather than read as zero demand.
        long sold = Arrays.stream(sales).sum();
        assertThat(policies.getLong("policies[0].history.days")).isEqualTo(historyDays);
        assertThat(policies.getLong("policies[0].history.demandUnits")).isEqualTo(sold);
        assertThat(policies.getLong("policies[0].history.returnedUnits")).isEqualTo(4);
        assertThat(policies.getLong("policies[0].history.transferredUnits")).isEqualTo(5);
        assertThat(policies.getLong("policies[0].history.stockoutDays")).isEqualTo(historyDays - sales.length);
        assertThat(expected.reorderPoint()).as("about ten a day over 7 days").isGreaterThan(3);
        // An A item takes A's service level.
        JsonPath plentyPolicies = given().get(PLANNING + "/policies/" + plenty).then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(plentyPolicies.getDouble("policies[0].serviceLevel")).isCloseTo(serviceLevelA, within(1e-6));
        assertThat(plentyPolicies.getString("policies[0].serviceLevelFrom")).isEqualTo("A");

        // The suggestion: the item with 3 left, not the one with 10,000, in the supplier's quantities.
        JsonPath suggestions = given().queryParam("supplier", supplier).get(PLANNING + "/suggestions").then()
                .statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(suggestions.getList("suppliers.supplier")).containsExactly(supplier);
        assertThat(suggestions.getList("suppliers[0].lines.sku")).containsExactly(low);
        Map<String, Object> line = suggestions.getMap("suppliers[0].lines[0]");
        // on hand: the 3 left and the 4 returned units waiting in quality control; the 5 in transit are not here
        long position = 3 + 4;
        assertThat(((Number) line.get("onHand")).longValue()).isEqualTo(position);
        assertThat(((Number) line.get("inventoryPosition")).longValue()).isEqualTo(position);
        assertThat(((Number) line.get("reorderPoint")).longValue()).isEqualTo(expected.reorderPoint());
        long quantity = ((Number) line.get("suggestedQuantity")).longValue();
        assertThat(quantity % MULTIPLE).isZero();
        assertThat(quantity).isGreaterThanOrEqualTo(MINIMUM).isGreaterThanOrEqualTo(expected.orderQuantity());
        assertThat(position + quantity).as("the order clears the reorder point").isGreaterThan(expected.reorderPoint());
        assertThat(suggestions.getString("suppliers[0].lines[0].reason.text")).contains("reorder point");
        assertThat(suggestions.getDouble("suppliers[0].lines[0].reason.leadTimeDays")).isEqualTo(LEAD_TIME);
        assertThat(suggestions.getString("suppliers[0].lines[0].reason.method")).isEqualTo("STOCKLINE");
        given().get(PLANNING + "/suggestions").then().statusCode(200)
                .body("suppliers.lines.flatten().sku", not(hasItem(plenty)));

        // The reorder point on the topic, keyed sku|location.
        await().atMost(TIMEOUT).until(() -> events(low, location).size() == 1);
        KafkaProbe.Received event = events(low, location).get(0);
        assertThat(event.header("ce_type")).isEqualTo("io.stockline.inventory.reorder-point.v1");
        JsonNode body = JSON.readTree(event.value());
        assertThat(body.get("sku").asText()).isEqualTo(low);
        assertThat(body.get("location").asText()).isEqualTo(location);
        assertThat(body.get("reorderPoint").asLong()).isEqualTo(expected.reorderPoint());
        assertThat(body.get("safetyStock").asDouble()).isCloseTo(expected.safetyStock(), within(1e-6));
        assertThat(body.get("computedAt").asText()).isNotBlank();
        assertThat(body.get("eventId").asText()).isEqualTo(event.header("ce_id"));

        // The supplier's group as a draft purchase order, by an operator.
        JsonPath ordered = given().header("Authorization", Tokens.bearer("operator"))
                .post(PLANNING + "/suggestions/" + supplier + "/purchase-orders").then().statusCode(201)
                .extract().jsonPath().using(DOUBLES);
        assertThat(ordered.getList("purchaseOrders")).hasSize(1);
        String number = ordered.getString("purchaseOrders[0].number");
        assertThat(ordered.getString("purchaseOrders[0].status")).isEqualTo("DRAFT");
        assertThat(ordered.getString("purchaseOrders[0].location")).isEqualTo(location);
        assertThat(ordered.getList("purchaseOrders[0].lines.sku")).containsExactly(low);
        assertThat(ordered.getLong("purchaseOrders[0].lines[0].quantity")).isEqualTo(quantity);
        assertThat(ordered.getString("purchaseOrders[0].expectedOn"))
                .isEqualTo(Planning.today().plusDays(LEAD_TIME).toString());
        // A draft holds the need: asking again suggests nothing, and ordering again has nothing to order.
        given().queryParam("supplier", supplier).get(PLANNING + "/suggestions").then().statusCode(200)
                .body("suppliers", empty());
        Api.assertProblem(given().post(PLANNING + "/suggestions/" + supplier + "/purchase-orders"), 422, "supplier");

        // Sent, its units are incoming and the position clears the reorder point.
        Purchasing.send(number);
        assertThat(Purchasing.incoming(low, location)).isEqualTo(quantity);
        given().queryParam("supplier", supplier).get(PLANNING + "/suggestions").then().statusCode(200)
                .body("suppliers", empty());

        // A refresh that changes nothing publishes nothing; a promotion over the busiest days lowers the baseline and
        // publishes the new point (the second event of the key, so the refresh between published none).
        given().post(PLANNING + "/refresh").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("sku", low, "location", location,
                "startsOn", Planning.today().minusDays(20).toString(), "endsOn", Planning.today().minusDays(1).toString(),
                "note", "autumn sale")).post(PLANNING + "/promotions").then().statusCode(201);
        given().post(PLANNING + "/refresh").then().statusCode(200);
        PlanningPolicy promoted = new PolicyCalculator().stockline(new PolicyInput(
                lowHistory.demand(historyDays, 20, 1), terms, serviceLevelC));
        JsonPath after = given().get(PLANNING + "/policies/" + low).then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(after.getLong("policies[0].reorderPoint")).isEqualTo(promoted.reorderPoint());
        assertThat(after.getLong("policies[0].history.promotionDays")).isEqualTo(20);
        assertThat(promoted.reorderPoint()).as("the promotion's days no longer inflate the baseline")
                .isLessThan(expected.reorderPoint());
        assertThat(after.getLong("policies[0].history.promotionUnits"))
                .isEqualTo(Arrays.stream(sales, sales.length - 20, sales.length).sum());
        await().atMost(TIMEOUT).until(() -> events(low, location).size() >= 2);
        assertThat(events(low, location)).hasSize(2);
        assertThat(JSON.readTree(events(low, location).get(1).value()).get("reorderPoint").asLong())
                .isEqualTo(promoted.reorderPoint());


        // Received: the lead time measured from sending to the receipt wins over the supplier's nominal 7 days.
        Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(low, quantity, 0))).then().statusCode(201);
        given().post(PLANNING + "/refresh").then().statusCode(200);
        JsonPath measured = given().get(PLANNING + "/policies/" + low).then().statusCode(200).extract().jsonPath()
                .using(DOUBLES);
        assertThat(measured.getBoolean("policies[0].leadTimeMeasured")).isTrue();
        assertThat(measured.getDouble("policies[0].leadTimeDays")).isGreaterThanOrEqualTo(0).isLessThan(1);
    }

    @Test
    void daysAvailableReachedZeroAreCensoredNotReadAsNoDemand() throws Exception {
        String location = Api.location();
        String supplier = Planning.supplier(LEAD_TIME, 1, 1);
        String sku = Api.item();
        Planning.sells(supplier, sku, "1.00");
        // 40 received 20 days ago; 10 a day sold out by the 16th day ago (the 4th sale took available to 0);
        // nothing for three days, then 100 received 12 days ago and 5 a day sold since.
        List<LedgerHistory.Move> moves = new ArrayList<>();
        moves.add(new LedgerHistory.Move(20, "RECEIPT", 40));
        for (int ago = 19; ago >= 16; ago--) {
            moves.add(new LedgerHistory.Move(ago, "SALE", 10));
        }
        moves.add(new LedgerHistory.Move(12, "RECEIPT", 100));
        for (int ago = 11; ago >= 1; ago--) {
            moves.add(new LedgerHistory.Move(ago, "SALE", 5));
        }
        Planning.write(jdbcUrl, user, password, sku, location, moves);

        given().post(PLANNING + "/refresh").then().statusCode(200);

        // Stockouts: every day up to the first receipt's (no stock at its start), the 16th day ago (sold out), the
        // three empty days after it and the second receipt's day (it started at 0). The rest is demand.
        List<DemandDay> expected = new ArrayList<>();
        for (int ago = historyDays; ago >= 1; ago--) {
            boolean stockout = ago >= 20 || (ago <= 16 && ago >= 12);
            long sold = ago >= 16 && ago <= 19 ? 10 : ago <= 11 ? 5 : 0;
            expected.add(new DemandDay(Planning.today().minusDays(ago), sold, stockout, false));
        }
        PlanningPolicy policy = new PolicyCalculator().stockline(new PolicyInput(expected,
                new SupplyTerms(LEAD_TIME, 0, 1, 1, new BigDecimal("1.0000")), serviceLevelC));
        JsonPath read = given().get(PLANNING + "/policies/" + sku).then().statusCode(200).extract().jsonPath()
                .using(DOUBLES);
        assertThat(read.getLong("policies[0].history.stockoutDays")).isEqualTo(historyDays - 19 + 5);
        assertThat(read.getLong("policies[0].history.demandUnits")).isEqualTo(40 + 55);
        assertThat(read.getLong("policies[0].reorderPoint")).isEqualTo(policy.reorderPoint());
        assertThat(read.getDouble("policies[0].dailyForecast")).isCloseTo(policy.dailyForecast(), within(1e-9));
    }

    @Test
    void requestsRacingToOrderOneSuppliersSuggestionsDraftThemOnce() throws Exception {
        // a double click, or two operators at once: each round a supplier with one SKU under its reorder point
        int rounds = 5;
        int racers = 4;
        List<String> suppliers = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String location = Api.location();
            String supplier = Planning.supplier(LEAD_TIME, MINIMUM, MULTIPLE);
            String sku = Api.item();
            Planning.sells(supplier, sku, "2.50");
            Planning.write(jdbcUrl, user, password, sku, location,
                    new Planning.History(Planning.aboutTenADay(59), 3, 0, 0));
            suppliers.add(supplier);
        }
        given().post(PLANNING + "/refresh").then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (String supplier : suppliers) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    statuses.add(pool.submit(() -> {
                        start.await();
                        return given().header("Authorization", Tokens.bearer("operator"))
                                .post(PLANNING + "/suggestions/" + supplier + "/purchase-orders").statusCode();
                    }));
                }
                start.countDown();
                List<Integer> answers = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    answers.add(status.get(60, TimeUnit.SECONDS));
                }
                // one draft; the others found nothing left to order
                assertThat(answers).as(supplier).containsExactlyInAnyOrder(201, 422, 422, 422);
                given().queryParam("supplier", supplier).get("/api/v1/purchase-orders").then().statusCode(200)
                        .body("size()", equalTo(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<KafkaProbe.Received> events(String sku, String location) {
        return kafka.on(reorderPointsTopic).stream().filter(r -> (sku + "|" + location).equals(r.key())).toList();
    }
}
