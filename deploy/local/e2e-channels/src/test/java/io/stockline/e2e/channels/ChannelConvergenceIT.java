package io.stockline.e2e.channels;

import static io.restassured.RestAssured.given;
import static io.stockline.testsupport.ChannelSettings.settings;
import static io.stockline.testsupport.ChannelSettings.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.SystemProcesses;
import io.stockline.testsupport.Tokens;

/**
 * Inventory, the channel connector and the marketplace simulator as real processes on the real broker and
 * database. While the simulator fails 30% of calls (500, 429, timeouts) and the connector is killed with
 * SIGKILL mid-stream, stock keeps changing; once the faults stop, every channel x SKU holds exactly what its
 * rules give from inventory's available stock.
 */
@ResourceLock(value = SystemProcesses.INFRASTRUCTURE, mode = ResourceAccessMode.READ)
class ChannelConvergenceIT {

    private static final String ADMIN = Tokens.bearer("admin");
    private static final int SKUS = 12;
    private static final String SELLER = "A1SELLER";
    private static final String SHOPIFY_LOCATION = "gid://shopify/Location/7001";

    private static final SystemProcesses system = new SystemProcesses("e2ec");
    private static ServiceProcess simulator;
    private static ServiceProcess inventory;
    private static ServiceProcess connector;

    /** A channel, where its listings live on the simulator, and its rule as plain arithmetic over available. */
    private record Channel(String id, String type, String marketplace, String scope, LongUnaryOperator rule,
            Map<String, Object> settings) {
    }

    private static final List<Channel> channels = new ArrayList<>();
    private static final List<String> skus = new ArrayList<>();
    private static final Map<String, Map<String, String>> listings = new HashMap<>();

    @BeforeAll
    static void startSystem() {
        // listings the test does not seed are created as the connector first sends them
        simulator = system.startPlain("deploy/local/marketplace-simulator", Map.of("simulator.auto-create", "true"));
        String sim = simulator.url("");
        inventory = system.start("inventory-service", Map.of());
        Map<String, String> connectorConfig = new LinkedHashMap<>();
        connectorConfig.put("stockline.credentials.shop.accessToken", "shpat_e2e");
        connectorConfig.put("stockline.credentials.amzn.lwaClientId", "amzn1.application-oa2-client.e2e");
        connectorConfig.put("stockline.credentials.amzn.lwaClientSecret", "e2e-secret");
        connectorConfig.put("stockline.credentials.amzn.refreshToken", "Atzr|e2e");
        connectorConfig.put("stockline.credentials.bay.clientId", "e2e-client");
        connectorConfig.put("stockline.credentials.bay.clientSecret", "e2e-secret");
        connectorConfig.put("stockline.credentials.bay.refreshToken", "v^1.1#e2e");
        connectorConfig.put("stockline.credentials.woo.consumerKey", "ck_e2e");
        connectorConfig.put("stockline.credentials.woo.consumerSecret", "cs_e2e");
        connectorConfig.put("stockline.credentials.hook.secret", "e2e-hook-secret");
        // the simulator and the webhook receiver run on loopback: the deployment allows them by name
        connectorConfig.put("stockline.outbound.allowed-hosts", "127.0.0.1,localhost");
        // Faults are the point here: wait little between attempts so the test converges soon after they stop.
        connectorConfig.put("stockline.channel.retry-backoff", "200ms");
        connectorConfig.put("stockline.channel.retry-backoff-max", "2s");
        connectorConfig.put("stockline.channel.circuit-open-wait", "2s");
        connectorConfig.put("stockline.channel.sweep-interval", "1s");
        connector = system.start("channel-connector-service", connectorConfig);
        system.awaitReady();

        Map<String, Object> fast = Map.of("timeoutMillis", "1500", "circuitDelayMillis", "1000",
                "retryInitialBackoffMillis", "50", "retryMaxBackoffMillis", "500");
        channels.add(new Channel("shop-" + Infrastructure.shortId(), "SHOPIFY", "shopify", SHOPIFY_LOCATION,
                available -> Math.max(0, available - 1),
                settings("SHOPIFY", sim + "/shopify", "shop", with(fast, Map.of("locationId", SHOPIFY_LOCATION)),
                        Map.of("buffer", Map.of("amount", 1, "unit", "UNITS")))));
        channels.add(new Channel("amzn-" + Infrastructure.shortId(), "AMAZON", "amazon", SELLER,
                available -> available - (long) Math.ceil(available * 0.10),
                settings("AMAZON", sim + "/amazon", "amzn", with(fast, Map.of("sellerId", SELLER,
                        "marketplaceIds", "A1PA6795UKMFR9")),
                        Map.of("buffer", Map.of("amount", 10, "unit", "PERCENT")))));
        channels.add(new Channel("bay-" + Infrastructure.shortId(), "EBAY", "ebay", null,
                available -> available / 2,
                settings("EBAY", sim + "/ebay", "bay", fast, Map.of("percentage", 50))));
        channels.add(new Channel("woo-" + Infrastructure.shortId(), "WOOCOMMERCE", "woocommerce", null,
                available -> Math.min(available, 25),
                settings("WOOCOMMERCE", sim + "/woocommerce", "woo", with(fast, Map.of("allowInsecure", "true")),
                        Map.of("maxQuantity", 25))));
        String hookPath = "hook-" + Infrastructure.shortId();
        channels.add(new Channel(hookPath, "WEBHOOK", "webhook", hookPath,
                available -> available <= 3 ? 0 : available,
                settings("WEBHOOK", sim + "/webhook/" + hookPath, "hook", fast, Map.of("zeroOutThreshold", 3))));
    }

    @AfterAll
    static void stopSystem() {
        system.close();
    }

    private static void move(String type, String sku, String location, long quantity) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", type, "sku", sku, "location", location, "quantity", quantity, "reason", "e2e"))
                .post("/api/v1/movements").then().statusCode(201);
    }

    private static long available(String sku) {
        return given().port(inventory.port()).header("Authorization", ADMIN).get("/api/v1/stock/" + sku)
                .then().statusCode(200).extract().jsonPath().getLong("totals.available");
    }

    @SuppressWarnings("unchecked")
    private static Long held(Channel channel, String sku) {
        var request = given().port(simulator.port()).queryParam("marketplace", channel.marketplace())
                .queryParam("listingId", listings.get(channel.id()).get(sku));
        if (channel.scope() != null) {
            request = request.queryParam("scope", channel.scope());
        }
        List<Map<String, Object>> found = request.get("/_sim/listings").then().statusCode(200).extract().jsonPath()
                .getList("listings");
        if (found.isEmpty()) {
            return null;
        }
        long quantity = ((Number) found.get(0).get("quantity")).longValue();
        if (channel.type().equals("EBAY")) {
            // what a buyer sees, and only once the item and every offer agree (-1 while they do not)
            List<Map<String, Object>> offers = (List<Map<String, Object>>) found.get(0).get("offers");
            boolean agree = offers != null && !offers.isEmpty()
                    && offers.stream().allMatch(offer -> ((Number) offer.get("availableQuantity")).longValue() == quantity);
            return agree ? quantity : -1L;
        }
        return quantity;
    }

    @Test
    void everyChannelHoldsItsNumberAfterFaultsAndAConnectorCrash() {
        String location = "WH-" + Infrastructure.shortId();
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", "Main", "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        for (int i = 0; i < SKUS; i++) {
            String sku = "CONV-" + Infrastructure.shortId() + "-" + i;
            skus.add(sku);
            given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("sku", sku, "name", "Item " + i)).post("/api/v1/items").then().statusCode(201);
        }
        int productId = 9100;
        for (Channel channel : channels) {
            if (channel.type().equals("EBAY")) {
                // eBay shows the lower of the item's and the offer's quantity: each SKU has a published offer the
                // connector must find (getOffers) and set beside the item; seeded before the channel pushes anything
                for (String sku : skus) {
                    given().port(simulator.port()).contentType(ContentType.JSON)
                            .body(Map.of("marketplace", "ebay", "listingId", sku, "quantity", 0,
                                    "offers", List.of(Map.of("offerId", "O-" + sku, "availableQuantity", 0))))
                            .put("/_sim/listings").then().statusCode(200);
                }
            }
            Map<String, Object> body = new LinkedHashMap<>(channel.settings());
            body.put("id", channel.id());
            given().port(connector.port()).header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/channels").then().statusCode(201);
            Map<String, String> mapping = new LinkedHashMap<>();
            StringBuilder csv = new StringBuilder("sku,listingId\n");
            for (String sku : skus) {
                String listingId = switch (channel.type()) {
                    case "SHOPIFY" -> "gid://shopify/InventoryItem/" + (++productId);
                    case "WOOCOMMERCE" -> String.valueOf(++productId);
                    default -> sku;
                };
                mapping.put(sku, listingId);
                csv.append(sku).append(',').append(listingId).append('\n');
            }
            listings.put(channel.id(), mapping);
            given().port(connector.port()).header("Authorization", ADMIN).contentType("text/csv").body(csv.toString())
                    .post("/api/v1/channels/" + channel.id() + "/listings").then().statusCode(200);
        }

        given().port(simulator.port()).contentType(ContentType.JSON)
                .body(Map.of("failureRate", 0.3, "kinds", List.of("500", "429", "TIMEOUT"), "timeoutMillis", 2000,
                        "seed", 42))
                .post("/_sim/faults").then().statusCode(200);

        Random random = new Random(7);
        for (String sku : skus) {
            move("RECEIPT", sku, location, 20 + random.nextInt(40));
        }
        for (int step = 0; step < 240; step++) {
            if (step == 120) {
                connector.kill();
            }
            if (step == 170) {
                connector.restart();
            }
            String sku = skus.get(random.nextInt(SKUS));
            if (random.nextInt(3) == 0) {
                move("RECEIPT", sku, location, 1 + random.nextInt(5));
            } else if (available(sku) > 0) {
                move("SALE", sku, location, 1 + random.nextInt((int) Math.min(4, available(sku))));
            }
        }
        // Some SKUs end at or near zero, where zero-out thresholds and buffers matter.
        move("SALE", skus.get(0), location, available(skus.get(0)));
        move("SALE", skus.get(1), location, Math.max(1, available(skus.get(1)) - 2));

        JsonPath stats = given().port(simulator.port()).get("/_sim/stats").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Number>> faults = stats.getMap("faultsInjected");
        assertThat(faults.values().stream().flatMap(byKind -> byKind.values().stream()).mapToLong(Number::longValue).sum())
                .as("the simulator really failed calls while stock changed").isPositive();
        given().port(simulator.port()).delete("/_sim/faults").then().statusCode(204);
        assertThat(stats.getMap("invalidRequests")).as("every request the connector sent keeps to the marketplaces' API documents")
                .isEmpty();
        assertThat(stats.getMap("revisionCapRefusals")).as("no eBay listing was revised past its daily cap").isEmpty();

        Map<String, Long> expectedAvailable = new LinkedHashMap<>();
        skus.forEach(sku -> expectedAvailable.put(sku, available(sku)));
        awaitEveryChannelHolds(expectedAvailable, "every channel x SKU holds its number");

        // Someone changes quantities on the marketplaces by hand: reconciliation reads them back and repairs them.
        String drifted = skus.get(2);
        for (Channel channel : channels) {
            if (channel.type().equals("WEBHOOK")) {
                continue; // a webhook cannot be read back
            }
            Map<String, Object> seed = new LinkedHashMap<>();
            seed.put("marketplace", channel.marketplace());
            seed.put("listingId", listings.get(channel.id()).get(drifted));
            seed.put("quantity", channel.rule().applyAsLong(expectedAvailable.get(drifted)) + 7);
            if (channel.type().equals("EBAY")) {
                seed.put("offers", List.of(Map.of("offerId", "O-" + drifted,
                        "availableQuantity", channel.rule().applyAsLong(expectedAvailable.get(drifted)) + 7)));
            }
            if (channel.scope() != null) {
                seed.put("scope", channel.scope());
            }
            given().port(simulator.port()).contentType(ContentType.JSON).body(seed).put("/_sim/listings")
                    .then().statusCode(200);
            assertThat(held(channel, drifted)).isEqualTo(channel.rule().applyAsLong(expectedAvailable.get(drifted)) + 7);
            given().port(connector.port()).header("Authorization", ADMIN)
                    .post("/api/v1/channels/" + channel.id() + "/reconcile").then().statusCode(202);
        }
        awaitEveryChannelHolds(expectedAvailable, "reconciliation repaired the drift");
    }

    private static void awaitEveryChannelHolds(Map<String, Long> expectedAvailable, String what) {
        await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, Map<String, Long>> wrong = new LinkedHashMap<>();
                    for (Channel channel : channels) {
                        for (String sku : skus) {
                            long expected = channel.rule().applyAsLong(expectedAvailable.get(sku));
                            Long actual = held(channel, sku);
                            if (actual == null || actual != expected) {
                                wrong.computeIfAbsent(channel.id(), c -> new LinkedHashMap<>()).put(sku, actual);
                            }
                        }
                    }
                    assertThat(wrong).as("channel x SKU pairs not yet holding their number").isEmpty();
                });
    }
}
