package io.stockline.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.restassured.http.ContentType;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.LedgerHistory;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.SystemProcesses;
import io.stockline.testsupport.Tokens;

/**
 * The four services as real processes, from their built jars, on the real broker and database: a receipt
 * reaches the channel as available minus buffer, an order is allocated and reserved, and the low stock it
 * leaves raises an alert. The console runs over them as a process too, driven in headless chromium: a sale's failed
 * push shows on the channels page, and an operator acknowledges a real alert.
 */
@ResourceLock(value = SystemProcesses.INFRASTRUCTURE, mode = ResourceAccessMode.READ)
class EndToEndIT {

    private static final int BUFFER = 2;
    private static final int LOW_STOCK_THRESHOLD = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.bearer("admin");
    private static final String CONSOLE_SHOP = "/webhook/console-shop";

    private static final SystemProcesses system = new SystemProcesses("e2e");
    private static WireMockServer channel;
    private static KafkaProbe kafka;

    @BeforeAll
    static void startSystem() {
        channel = new WireMockServer(wireMockConfig().dynamicPort());
        channel.start();
        channel.stubFor(post(urlEqualTo("/webhook/stock")).willReturn(aResponse().withStatus(204)));
        channel.stubFor(post(urlEqualTo(CONSOLE_SHOP)).willReturn(aResponse().withStatus(204)));
        kafka = new KafkaProbe(system.infrastructure().kafkaBootstrapServers())
                .watch(List.of(system.topic("alerts"), system.topic("allocations")));

        system.start("inventory-service", Map.of());
        system.start("channel-connector-service", Map.ofEntries(
                Map.entry("stockline.channels.seed.webshop.type", "WEBHOOK"),
                Map.entry("stockline.channels.seed.webshop.endpoint", channel.baseUrl() + "/webhook/stock"),
                Map.entry("stockline.channels.seed.webshop.credentials", "webshop"),
                Map.entry("stockline.channels.seed.webshop.buffer", String.valueOf(BUFFER)),
                // the shop whose state the console shows: one attempt per push, so each 503 counts as a failure
                Map.entry("stockline.channels.seed.console-shop.type", "WEBHOOK"),
                Map.entry("stockline.channels.seed.console-shop.endpoint", channel.baseUrl() + CONSOLE_SHOP),
                Map.entry("stockline.channels.seed.console-shop.credentials", "webshop"),
                Map.entry("stockline.channels.seed.console-shop.options.retryMaxAttempts", "1"),
                Map.entry("stockline.channels.seed.console-shop.options.circuitDelayMillis", "1000"),
                Map.entry("stockline.credentials.webshop.secret", "e2e-webhook-secret"),
                Map.entry("stockline.outbound.allowed-hosts", "localhost"),
                // production waits up to 5 minutes between failed pushes, and 30 s on an open circuit: the shop's
                // recovery would reach the page only after them
                Map.entry("stockline.channel.retry-backoff-max", "2s"),
                Map.entry("stockline.channel.circuit-open-wait", "2s")));
        system.start("allocation-service", Map.of(
                "quarkus.rest-client.inventory.url", system.get("inventory-service").url("")));
        system.start("alert-service", Map.of(
                "stockline.alerts.low-stock-threshold", String.valueOf(LOW_STOCK_THRESHOLD)));
        // the console as it runs on the local run (plain HTTP on loopback, development sign-in), over these services
        system.startPlain("console", Map.of(
                "quarkus.rest-client.inventory.url", system.get("inventory-service").url(""),
                "quarkus.rest-client.channels.url", system.get("channel-connector-service").url(""),
                "quarkus.rest-client.alerts.url", system.get("alert-service").url(""),
                "quarkus.rest-client.allocations.url", system.get("allocation-service").url(""),
                "stockline.auth.public-key-location", Tokens.publicKey().toString(),
                "stockline.console.dev-sign-in-key-location", Tokens.privateKeyFile().toString(),
                "stockline.console.secure-cookie", "false",
                "quarkus.rest-csrf.cookie-force-secure", "false"));
        system.awaitReady();
    }

    @AfterAll
    static void stopSystem() {
        system.close();
        if (kafka != null) {
            kafka.close();
        }
        if (channel != null) {
            channel.stop();
        }
    }

    /** The signed webhook push carrying this SKU at this quantity. */
    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pushed(String sku, long quantity) {
        return pushed("/webhook/stock", sku, quantity);
    }

    /** The signed webhook push to {@code path} carrying this SKU at this quantity. */
    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pushed(String path, String sku,
            long quantity) {
        return postRequestedFor(urlEqualTo(path))
                .withHeader("X-Stockline-Signature", matching("t=[0-9]+,v1=[0-9a-f]{64}"))
                .withRequestBody(matchingJsonPath("$.updates[?(@.sku == '" + sku + "' && @.quantity == " + quantity + ")]"));
    }

    @Test
    void receiptReachesTheChannelAndAnOrderIsAllocatedReservedAndAlerted() throws Exception {
        int inventory = system.get("inventory-service").port();
        String sku = "TEE-" + UUID.randomUUID().toString().substring(0, 6);
        String orderId = "order-" + UUID.randomUUID();

        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", "WH-BERLIN", "name", "Berlin", "type", "WAREHOUSE", "latitude", 52.52,
                        "longitude", 13.40, "priority", 1))
                .post("/api/v1/locations").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Tee, red, M"))
                .post("/api/v1/items").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", "receipt-" + sku)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", "WH-BERLIN", "quantity", 10,
                        "reason", "PO-1001"))
                .post("/api/v1/movements").then().statusCode(201);

        // The channel is offered available minus buffer.
        await("channel holds 10 - buffer").atMost(Duration.ofSeconds(60)).untilAsserted(() -> channel.verify(
                pushed(sku, 10 - BUFFER)));

        // An order for 6 is allocated to the warehouse and reserved there.
        kafka.sendCloudEvent(system.topic("orders"), orderId, "io.stockline.order.placed.v1", UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", orderId, "channel", "webshop", "paid", true,
                        "lines", List.of(Map.of("line", 1, "sku", sku, "quantity", 6)))));

        await("allocation decided").atMost(Duration.ofSeconds(60)).until(() -> kafka.on(system.topic("allocations"))
                .stream().anyMatch(r -> orderId.equals(r.key())));
        KafkaProbe.Received decision = kafka.on(system.topic("allocations")).stream()
                .filter(r -> orderId.equals(r.key())).findFirst().orElseThrow();
        assertThat(decision.header("ce_type")).isEqualTo("io.stockline.allocation.decided.v1");
        JsonNode shipment = JSON.readTree(decision.value()).path("shipments").path(0);
        assertThat(shipment.path("location").asText()).isEqualTo("WH-BERLIN");
        assertThat(shipment.path("lines").path(0).path("quantity").asLong()).isEqualTo(6);

        // Inventory shows the units committed to the order.
        given().port(inventory).header("Authorization", ADMIN).get("/api/v1/stock/" + sku).then().statusCode(200)
                .body("totals.onHand", equalTo(10))
                .body("totals.committed", equalTo(6))
                .body("totals.available", equalTo(4));

        // Four left is at or under the threshold: one low-stock alert.
        await("low-stock alert").atMost(Duration.ofSeconds(60)).until(() -> kafka.on(system.topic("alerts")).stream()
                .anyMatch(r -> sku.equals(r.key()) && "io.stockline.alert.opened.v1".equals(r.header("ce_type"))));
        KafkaProbe.Received alert = kafka.on(system.topic("alerts")).stream()
                .filter(r -> sku.equals(r.key()) && "io.stockline.alert.opened.v1".equals(r.header("ce_type")))
                .findFirst().orElseThrow();
        JsonNode opened = JSON.readTree(alert.value());
        assertThat(opened.path("kind").asText()).isEqualTo("LOW_STOCK");
        assertThat(opened.path("observed").asLong()).isEqualTo(4);

        // And the channel follows: 4 available less the buffer.
        await("channel holds 4 - buffer").atMost(Duration.ofSeconds(60)).untilAsserted(() -> channel.verify(
                pushed(sku, 4 - BUFFER)));
    }

    /**
     * Planning across the system: two months of sales (about ten a day) in inventory's ledger, a refresh computes the
     * reorder point, alert-service opens LOW_STOCK at that computed point (far above the configured default of 5),
     * the suggestion becomes a draft purchase order, is sent, and "when will it restock?" answers with its date.
     */
    @Test
    void salesHistoryGivesAReorderPointALowStockAlertAtItAPurchaseOrderAndARestockDate() throws Exception {
        int inventory = system.get("inventory-service").port();
        String sku = "MUG-" + UUID.randomUUID().toString().substring(0, 6);
        String location = "WH-PLAN-" + UUID.randomUUID().toString().substring(0, 4);
        String supplier = "SUP-" + UUID.randomUUID().toString().substring(0, 6);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", "Planning", "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Mug"))
                .post("/api/v1/items").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", supplier, "name", "Mugs Ltd", "contact", "orders@mugs.example", "currency", "EUR",
                        "leadTimeDays", 7, "allowOverReceipt", false))
                .post("/api/v1/suppliers").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("unitCost", "2.40", "packSize", 1))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200);

        // 60 days of sales, 8 to 12 a day, after a receipt that leaves 40
        List<LedgerHistory.Move> moves = new ArrayList<>();
        long sold = 0;
        for (int ago = 60; ago >= 1; ago--) {
            long quantity = 8 + (ago * 7) % 5;
            moves.add(new LedgerHistory.Move(ago, "SALE", quantity));
            sold += quantity;
        }
        moves.add(0, new LedgerHistory.Move(61, "RECEIPT", sold + 40));
        String database = system.database("inventory-service");
        Infrastructure infrastructure = system.infrastructure();
        LedgerHistory.write(infrastructure.jdbcUrl(database), infrastructure.pgUser(), infrastructure.pgPassword(), sku,
                location, moves);
        // one movement through the API, so the other services learn the balance: 41 available
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .header("Idempotency-Key", "plan-receipt-" + sku)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", 1))
                .post("/api/v1/movements").then().statusCode(201);

        given().port(inventory).header("Authorization", ADMIN).post("/api/v1/planning/refresh").then().statusCode(200);
        long reorderPoint = given().port(inventory).header("Authorization", ADMIN).get("/api/v1/planning/policies/" + sku)
                .then().statusCode(200).extract().jsonPath().getLong("policies[0].reorderPoint");
        assertThat(reorderPoint).as("about ten a day over a 7-day lead time, plus safety stock").isGreaterThan(41);

        await("LOW_STOCK at the computed reorder point").atMost(Duration.ofSeconds(60)).until(() -> lowStock(sku) != null);
        JsonNode opened = lowStock(sku);
        assertThat(opened.path("threshold").asLong()).isEqualTo(reorderPoint);
        assertThat(opened.path("observed").asLong()).isEqualTo(41);
        assertThat(opened.path("location").asText()).isEqualTo(location);

        String number = given().port(inventory).header("Authorization", Tokens.bearer("operator"))
                .post("/api/v1/planning/suggestions/" + supplier + "/purchase-orders").then().statusCode(201)
                .extract().jsonPath().getString("purchaseOrders[0].number");
        JsonNode order = JSON.readTree(given().port(inventory).header("Authorization", ADMIN)
                .post("/api/v1/purchase-orders/" + number + "/send").then().statusCode(200).extract().asString());
        long ordered = order.path("lines").path(0).path("quantity").asLong();
        assertThat(41 + ordered).as("the order clears the reorder point").isGreaterThan(reorderPoint);

        JsonNode restock = JSON.readTree(given().port(inventory).header("Authorization", Tokens.bearer("viewer"))
                .queryParam("location", location).queryParam("quantity", 41 + ordered)
                .get("/api/v1/availability/" + sku).then().statusCode(200).extract().asString());
        assertThat(restock.toString()).contains(order.path("expectedOn").asText(), number);
    }

    /** The opened LOW_STOCK alert of the SKU, if any. */
    private static JsonNode lowStock(String sku) throws Exception {
        for (KafkaProbe.Received record : kafka.on(system.topic("alerts"))) {
            if (sku.equals(record.key()) && "io.stockline.alert.opened.v1".equals(record.header("ce_type"))) {
                JsonNode alert = JSON.readTree(record.value());
                if ("LOW_STOCK".equals(alert.path("kind").asText())) {
                    return alert;
                }
            }
        }
        return null;
    }

    /**
     * The console's channel table (refreshing itself) over the real connector: while the shop answers 503, a sale's
     * push fails and the row turns FAILING with the status code as its last error; once the shop answers again, the
     * same page shows the channel OK and in sync, the sale's number delivered.
     */
    @Test
    void aSaleTheShopRefusesTurnsItsChannelFailingOnTheConsoleUntilTheShopAnswersAgain() {
        String sku = "CAP-" + UUID.randomUUID().toString().substring(0, 6);
        String location = "WH-CON-" + UUID.randomUUID().toString().substring(0, 4);
        stockOf(sku, location, 10);
        await("console-shop holds 10").atMost(Duration.ofSeconds(60)).untilAsserted(() -> channel.verify(
                pushed(CONSOLE_SHOP, sku, 10)));

        ConsoleBrowser.use(system.get("console"), "channelStateAfterASale", console -> {
            console.signInAs("viewer");
            console.open("/channels");
            By row = By.cssSelector("#channels tr[data-channel=console-shop]");
            console.await("console-shop in sync").until(() -> inSync(console.driver().findElement(row)));

            StubMapping shopDown = channel.stubFor(post(urlEqualTo(CONSOLE_SHOP)).atPriority(1)
                    .willReturn(aResponse().withStatus(503)));
            move("SALE", sku, location, 3);
            // failing-after (3) failed pushes in a row, 1 s and 2 s apart; the table comes back every 5 s
            console.await("console-shop failing").until(() -> List.of("FAILING", "CIRCUIT_OPEN")
                    .contains(console.driver().findElement(row).getAttribute("data-state")));
            WebElement failing = console.find(row);
            assertThat(failing.getAttribute("class")).isEqualTo("attention");
            assertThat(failing.findElement(By.cssSelector("td.pending")).getText()).isNotIn("", "0");
            assertThat(failing.getText()).contains("503");
            console.screenshot("e2e-channel-failing");

            channel.removeStub(shopDown);
            console.await("console-shop in sync again").until(() -> inSync(console.driver().findElement(row)));
            console.screenshot("e2e-channel-in-sync-again");
        });
        channel.verify(pushed(CONSOLE_SHOP, sku, 7));
    }

    private static boolean inSync(WebElement channelRow) {
        return "OK".equals(channelRow.getAttribute("data-state")) && "in-sync".equals(channelRow.getAttribute("class"));
    }

    /**
     * A sale takes a SKU under its own alert rule's threshold: alert-service opens LOW_STOCK, an operator signed in to
     * the console sees it on the alerts page, acknowledges it with its button, and the page and alert-service's API
     * both name them as the one who acknowledged it.
     */
    @Test
    void anOperatorAcknowledgesOnTheConsoleTheLowStockAlertASaleRaised() {
        String sku = "BAG-" + UUID.randomUUID().toString().substring(0, 6);
        String location = "WH-ALR-" + UUID.randomUUID().toString().substring(0, 4);
        int alerts = system.get("alert-service").port();
        given().port(alerts).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("kind", "LOW_STOCK", "sku", sku, "threshold", 8))
                .post("/api/v1/rules").then().statusCode(201);
        stockOf(sku, location, 10);
        move("SALE", sku, location, 4);

        String alert = await("LOW_STOCK opened by the rule").atMost(Duration.ofSeconds(60)).until(() -> given()
                .port(alerts).header("Authorization", ADMIN).queryParam("sku", sku).queryParam("kind", "LOW_STOCK")
                .queryParam("status", "OPEN").get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .<String>getList("id"), ids -> ids.size() == 1).get(0);

        ConsoleBrowser.use(system.get("console"), "acknowledgeAnAlert", console -> {
            console.signInAs("operator");
            console.open("/alerts");
            By row = By.cssSelector("#alerts tr[data-alert='" + alert + "']");
            assertThat(console.find(row).getText()).contains("LOW_STOCK", sku, location, "6", "8");
            console.find(row).findElement(By.xpath(".//button[text()='Acknowledge']")).click();
            assertThat(console.find(By.id("done")).getText()).isEqualTo("Alert acknowledged.");
            WebElement acknowledged = console.find(row);
            assertThat(acknowledged.getText()).contains("local-operator");
            assertThat(acknowledged.findElements(By.tagName("button"))).isEmpty();
            console.screenshot("e2e-alert-acknowledged");
        });
        given().port(alerts).header("Authorization", ADMIN).get("/api/v1/alerts/" + alert).then().statusCode(200)
                .body("acknowledgedBy", equalTo("local-operator"))
                .body("acknowledgedAt", notNullValue());
    }

    /** A location and an item of its own with {@code quantity} received there. */
    private static void stockOf(String sku, String location, long quantity) {
        int inventory = system.get("inventory-service").port();
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", location, "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Console " + sku))
                .post("/api/v1/items").then().statusCode(201);
        move("RECEIPT", sku, location, quantity);
    }

    private static void move(String type, String sku, String location, long quantity) {
        given().port(system.get("inventory-service").port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .header("Idempotency-Key", type + "-" + sku)
                .body(Map.of("type", type, "sku", sku, "location", location, "quantity", quantity, "reason", "e2e"))
                .post("/api/v1/movements").then().statusCode(201);
    }

    @Test
    void productionServesMetricsOpenApiAndSwaggerUiOnTheManagementPortOnly() {
        for (String service : List.of("inventory-service", "channel-connector-service", "allocation-service",
                "alert-service")) {
            ServiceProcess process = system.get(service);
            for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                given().get(process.url(path)).then().statusCode(404);
                given().get(process.managementUrl(path)).then().statusCode(200);
            }
            given().get(process.managementUrl("/q/metrics")).then().body(org.hamcrest.Matchers.containsString("jvm_memory"));
            given().get(process.managementUrl("/q/openapi")).then()
                    .body(org.hamcrest.Matchers.containsString("Stockline " + service));
            // the probes and the load balancer still find health on the API port
            given().get(process.url("/q/health/ready")).then().statusCode(200);
            given().get(process.managementUrl("/api/v1/items")).then().statusCode(404);
        }
    }

}
