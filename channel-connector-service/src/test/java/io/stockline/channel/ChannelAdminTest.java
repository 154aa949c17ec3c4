package io.stockline.channel;

import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/** The channels API: who may do what, what it refuses and why, and that secrets never leave the service. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelAdminTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @InjectWireMock
    WireMockServer webhooks;

    private final List<String> bodies = new ArrayList<>();

    @Test
    void anAdminCreatesReadsReplacesAndDeletesAChannel() {
        String id = newId("crud");
        String created = createWebhookChannel(webhookBase, id, """
                "options":{"locationId":"gid://shopify/Location/1"},"locations":["WH1","WH2"],
                "buffer":{"amount":10,"unit":"PERCENT"},"percentage":80,"maxQuantity":50,"zeroOutThreshold":2,
                "skuRules":{"SKU-X":{"excluded":true},"SKU-Y":{"buffer":{"amount":1,"unit":"UNITS"},"maxQuantity":5}}""")
                .statusCode(201)
                .body("id", equalTo(id)).body("type", equalTo("WEBHOOK"))
                .body("credentials", equalTo(WebhookStub.SECRET_REF)).body("credentialsResolved", equalTo(true))
                .body("options.locationId", equalTo("gid://shopify/Location/1"))
                .body("buffer.amount", equalTo(10)).body("buffer.unit", equalTo("PERCENT"))
                .body("percentage", equalTo(80)).body("maxQuantity", equalTo(50)).body("zeroOutThreshold", equalTo(2))
                .body("skuRules.SKU-X.excluded", equalTo(true)).body("skuRules.SKU-Y.maxQuantity", equalTo(5))
                .body("enabled", equalTo(true))
                .extract().asString();
        bodies.add(created);

        bodies.add(as("viewer").get("/api/v1/channels/{id}", id).then().statusCode(200)
                .body("locations", equalTo(List.of("WH1", "WH2"))).extract().asString());
        bodies.add(as("viewer").get("/api/v1/channels").then().statusCode(200)
                .body("id", hasItem(id)).extract().asString());

        bodies.add(as("admin").contentType(ContentType.JSON).body("""
                {"type":"WEBHOOK","endpoint":"%s%s","credentials":"no-such-ref","enabled":false}""".formatted(webhookBase, id))
                .put("/api/v1/channels/{id}", id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("credentialsResolved", equalTo(false))
                .body("percentage", equalTo(100)).body("skuRules.size()", equalTo(0)).extract().asString());
        bodies.add(as("viewer").get("/api/v1/channels/{id}/status", id).then().statusCode(200)
                .body("state", equalTo("DISABLED")).body("channelType", equalTo("WEBHOOK")).extract().asString());

        as("admin").delete("/api/v1/channels/{id}", id).then().statusCode(204);
        as("viewer").get("/api/v1/channels/{id}", id).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        assertNoSecretIn(bodies);
    }

    @Test
    void onlyAdminsEditAndOnlyAuthenticatedCallersRead() {
        String id = newId("auth");
        createWebhookChannel(webhookBase, id, "").statusCode(201);
        String body = """
                {"id":"%s","type":"WEBHOOK","endpoint":"%s%s","credentials":"%s"}""".formatted(newId("x"), webhookBase, id,
                WebhookStub.SECRET_REF);

        given().get("/api/v1/channels").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/channels").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/channels").then().statusCode(401);
        for (String role : List.of("viewer", "operator")) {
            as(role).contentType(ContentType.JSON).body(body).post("/api/v1/channels").then().statusCode(403);
            as(role).contentType(ContentType.JSON).body(body).put("/api/v1/channels/{id}", id).then().statusCode(403);
            as(role).delete("/api/v1/channels/{id}", id).then().statusCode(403);
            as(role).contentType("text/csv").body("A,B\n").post("/api/v1/channels/{id}/listings", id).then().statusCode(403);
            as(role).post("/api/v1/channels/{id}/reconcile", id).then().statusCode(403);
            as(role).get("/api/v1/channels/{id}", id).then().statusCode(200);
            as(role).get("/api/v1/channels/{id}/status", id).then().statusCode(200);
            as(role).get("/api/v1/channels/{id}/sync", id).then().statusCode(200);
            as(role).get("/api/v1/channels/{id}/calls", id).then().statusCode(200);
            as(role).get("/api/v1/channel-status").then().statusCode(200).body("channelId", hasItem(id));
        }
        given().get("/api/v1/channels/{id}/calls", id).then().statusCode(401);
        as("admin").get("/api/v1/channels/{id}/calls", id).then().statusCode(200);
        given().get("/api/v1/channel-status").then().statusCode(401);
        as("admin").get("/api/v1/channel-status").then().statusCode(200).body("channelId", hasItem(id));
        as("viewer").get("/api/v1/channels/{id}/listings", id).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anEndpointOutsideItsMarketplaceIsRefusedAndNoCredentialLeaves() {
        webhooks.resetRequests();
        String wiremockByAddress = "http://127.0.0.1:" + webhooks.port();
        String[][] refused = {
                { "SHOPIFY", "https://shop.example/admin" }, { "SHOPIFY", "https://a.b.myshopify.com" },
                { "SHOPIFY", "http://my-shop.myshopify.com" }, { "AMAZON", "https://api.amazon.com.evil.example" },
                { "AMAZON", "https://sellingpartnerapi-na.amazon.com:8443" }, { "EBAY", "http://api.ebay.com" },
                { "EBAY", "https://api.ebay.co" }, { "WOOCOMMERCE", "http://shop.example/" },
                // the seller's own site may be anywhere public, but not inside the deployment
                { "WOOCOMMERCE", "https://169.254.169.254/latest" }, { "WEBHOOK", "https://10.0.0.1/hook" },
                // the test double itself, by its address rather than by the name the deployment allows
                { "WEBHOOK", wiremockByAddress + "/hooks/x" }, { "SHOPIFY", wiremockByAddress },
                { "WEBHOOK", "https://[::ffff:127.0.0.1]:" + webhooks.port() + "/hooks/x" } };
        for (String[] endpoint : refused) {
            problem(post("""
                    {"id":"%s","type":"%s","endpoint":"%s","credentials":"%s","options":{"locationId":"gid://shopify/Location/1"}}"""
                    .formatted(newId("out"), endpoint[0], endpoint[1], WebhookStub.SECRET_REF)), 422, "endpoint");
        }
        String id = newId("moved");
        createWebhookChannel(webhookBase, id, "").statusCode(201);
        problem(as("admin").contentType(ContentType.JSON).body("""
                {"type":"WEBHOOK","endpoint":"%s/hooks/x-%s","credentials":"%s"}""".formatted(wiremockByAddress, id,
                WebhookStub.SECRET_REF)).put("/api/v1/channels/{id}", id), 422, "endpoint");
        as("viewer").get("/api/v1/channels/{id}", id).then().statusCode(200)
                .body("endpoint", equalTo(webhookBase + id));
        as("admin").delete("/api/v1/channels/{id}", id).then().statusCode(204);
        assertThat(webhooks.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith("/hooks/x")).toList())
                .as("nothing reached the test double").isEmpty();

        // Tokens come from the marketplace's own token endpoint: no channel option can send credentials elsewhere.
        problem(post("""
                {"id":"%s","type":"AMAZON","endpoint":"https://sellingpartnerapi-eu.amazon.com","credentials":"c",
                 "options":{"sellerId":"S","marketplaceIds":"M","tokenEndpoint":"https://collector.example/token"}}"""
                .formatted(newId("tok"))), 400, "options.tokenEndpoint");
        // the marketplaces' own hosts are accepted (nothing is called: the channel is disabled)
        for (String[] endpoint : new String[][] { { "SHOPIFY", "https://my-shop.myshopify.com" },
                { "AMAZON", "https://sellingpartnerapi-eu.amazon.com" }, { "AMAZON", "https://sandbox.sellingpartnerapi-na.amazon.com" },
                { "EBAY", "https://api.sandbox.ebay.com" } }) {
            String ok = newId("in");
            post("""
                    {"id":"%s","type":"%s","endpoint":"%s","credentials":"%s","enabled":false,
                     "options":{"locationId":"gid://shopify/Location/1","sellerId":"S","marketplaceIds":"M"}}"""
                    .formatted(ok, endpoint[0], endpoint[1], newId("ref"))).then().statusCode(201);
            as("admin").delete("/api/v1/channels/{id}", ok).then().statusCode(204);
        }
    }

    @Test
    void aMarketplaceCredentialStaysWithTheStoreItWasFirstUsedFor() {
        String ref = newId("shopref");
        String shop = """
                {"id":"%s","type":"SHOPIFY","endpoint":"%s","credentials":"%s","enabled":false,
                 "options":{"locationId":"%s"}}""";
        String first = newId("store-a");
        post(shop.formatted(first, "https://store-a.myshopify.com", ref, "gid://shopify/Location/1")).then().statusCode(201);
        // a second location of the same store shares the store's token
        post(shop.formatted(newId("store-a2"), "https://store-a.myshopify.com", ref, "gid://shopify/Location/2"))
                .then().statusCode(201);

        // another store, by a new channel or by moving the first one, gets none of it
        problem(post(shop.formatted(newId("store-b"), "https://store-b.myshopify.com", ref, "gid://shopify/Location/1")),
                422, "credentials");
        problem(as("admin").contentType(ContentType.JSON)
                .body(shop.formatted(first, "https://store-b.myshopify.com", ref, "gid://shopify/Location/1"))
                .put("/api/v1/channels/{id}", first), 422, "credentials");
        // nor does deleting the channel free the reference for another store
        as("admin").delete("/api/v1/channels/{id}", first).then().statusCode(204);
        problem(post(shop.formatted(first, "https://store-b.myshopify.com", ref, "gid://shopify/Location/1")), 422, "credentials");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        problem(post("""
                {"id":"%s","endpoint":"http://x/y","credentials":"c"}""".formatted(newId("bad"))), 400, "type");
        problem(post("""
                {"id":"%s","type":"WEBHOOK","endpoint":"http://x/y","credentials":"c","percentage":101}""".formatted(newId("bad"))),
                400, "percentage");
        problem(post("""
                {"id":"%s","type":"WEBHOOK","endpoint":"not a url","credentials":"c"}""".formatted(newId("bad"))), 400, "endpoint");
        problem(post("""
                {"id":"%s","type":"WEBHOOK","endpoint":"http://x/y","credentials":"c","buffer":{"amount":150,"unit":"PERCENT"}}"""
                .formatted(newId("bad"))), 400, "buffer.amount");
        problem(post("""
                {"id":"%s","type":"WEBHOOK","endpoint":"http://x/y","credentials":"c","maxQuantity":-1}""".formatted(newId("bad"))),
                400, "maxQuantity");
        problem(post("""
                {"id":"a b","type":"WEBHOOK","endpoint":"http://x/y","credentials":"c"}"""), 400, "id");
        problem(post("""
                {"id":"%s","type":"WEBHOOK","endpoint":"http://x/y","credentials":"key=abc/def"}""".formatted(newId("bad"))),
                400, "credentials");
        String id = newId("dup");
        createWebhookChannel(webhookBase, id, "").statusCode(201);
        problem(createWebhookChannel(webhookBase, id, "").extract().response(), 409, "id");
        problem(as("admin").contentType(ContentType.JSON).body("""
                {"type":"WEBHOOK","endpoint":"http://x/y","credentials":"c"}""").put("/api/v1/channels/{id}", newId("none")),
                404, "id");
    }

    /** A SKU as long as a CSV import allows fits the rules' index; a longer one was a 500 (SQLSTATE 54000). */
    @Test
    void aSkuRuleKeyIsAtMostAsLongAsASku() {
        String id = newId("long-sku");
        String tooLong = "S".repeat(201);
        Response refused = createWebhookChannel(webhookBase, id, "\"skuRules\":{\"" + tooLong + "\":{\"excluded\":true}}")
                .extract().response();
        refused.then().statusCode(400).contentType(containsString("application/problem+json"));
        assertThat(refused.jsonPath().getString("violations[0].field")).as(refused.asString()).startsWith("skuRules");
        as("viewer").get("/api/v1/channels/{id}", id).then().statusCode(404);
        String thousands = UUID.randomUUID().toString().repeat(100);
        createWebhookChannel(webhookBase, id, "\"skuRules\":{\"" + thousands + "\":{\"excluded\":true}}").statusCode(400);

        String longest = "S".repeat(200);
        createWebhookChannel(webhookBase, id, "\"skuRules\":{\"" + longest + "\":{\"excluded\":true}}").statusCode(201)
                .body("skuRules." + longest + ".excluded", equalTo(true));
    }

    /**
     * Every option read as a number is checked when saved: read at each call, a wrong one failed every push for good,
     * and a timeout of 0 (none) let a silent endpoint hold the channel's worker.
     */
    @Test
    void aNumericOptionIsRefusedNamingItUnlessItIsANumberInRange() {
        for (String[] bad : new String[][] { { "timeoutMillis", "abc" }, { "timeoutMillis", "0" },
                { "timeoutMillis", "60001" }, { "ratePerSecond", "x" }, { "ratePerSecond", "0" },
                { "rateBurst", "-1" }, { "circuitFailureRatio", "2" }, { "circuitFailureRatio", "NaN" },
                { "retryMaxAttempts", "0" }, { "retryMaxAttempts", "2.5" }, { "circuitRequestVolume", "0" },
                { "circuitDelayMillis", "-5" }, { "retryInitialBackoffMillis", "soon" },
                { "retryMaxBackoffMillis", "1e99" }, { "throttleMaxWaits", "many" } }) {
            String id = newId("opt");
            problem(createWebhookChannel(webhookBase, id, "\"options\":{\"" + bad[0] + "\":\"" + bad[1] + "\"}")
                    .extract().response(), 400, "options." + bad[0]);
            as("viewer").get("/api/v1/channels/{id}", id).then().statusCode(404);
        }
        problem(post("""
                {"id":"%s","type":"BIGCOMMERCE","endpoint":"https://api.bigcommerce.com","credentials":"c",
                "options":{"storeHash":"abc123","locationId":"main"}}""".formatted(newId("bc"))), 400, "options.locationId");

        String id = newId("opt");
        createWebhookChannel(webhookBase, id, """
                "options":{"timeoutMillis":"3000","ratePerSecond":"0.5","rateBurst":"2","circuitFailureRatio":"0.25",
                "retryMaxAttempts":"3","circuitDelayMillis":"1000","locationId":"gid://shopify/Location/1"}""")
                .statusCode(201).body("options.ratePerSecond", equalTo("0.5"));
        // a change is checked the same way, and leaves the channel as it was
        problem(as("admin").contentType(ContentType.JSON).body("""
                {"type":"WEBHOOK","endpoint":"%s%s","credentials":"%s","options":{"timeoutMillis":"-1"}}"""
                .formatted(webhookBase, id, WebhookStub.SECRET_REF)).put("/api/v1/channels/{id}", id), 400,
                "options.timeoutMillis");
        as("viewer").get("/api/v1/channels/{id}", id).then().statusCode(200)
                .body("options.timeoutMillis", equalTo("3000"));
    }

    /** A typed parameter answered a bare 404 to a value it could not convert. */
    @Test
    void aLimitOrMinutesThatIsNoWholeNumberIsA400NamingIt() {
        String id = WebhookStub.SEEDED_CHANNEL;
        for (String limit : List.of("abc", "3000000000", "0", "5001", "1.5")) {
            problem(as("viewer").queryParam("limit", limit).get("/api/v1/channels/{id}/sync", id), 400, "limit");
        }
        for (String minutes : List.of("abc", "3000000000", "0", "121")) {
            problem(as("viewer").queryParam("minutes", minutes).get("/api/v1/channels/{id}/calls", id), 400, "minutes");
        }
        as("viewer").queryParam("limit", 5000).get("/api/v1/channels/{id}/sync", id).then().statusCode(200);
        as("viewer").queryParam("minutes", 120).get("/api/v1/channels/{id}/calls", id).then().statusCode(200)
                .body("minutes.size()", equalTo(120));
    }

    @Test
    void aCsvImportIsAllOrNothingAndNamesTheBadLines() {
        String id = newId("csv");
        String location = newId("WH");
        createWebhookChannel(webhookBase, id, "\"locations\":[\"" + location + "\"]").statusCode(201);

        Response refused = as("admin").contentType("text/csv").body("sku,listingId\nA-1,L-1\nB-2,\n,L-3\nC-4;L-4\nA-1,L-5\n")
                .post("/api/v1/channels/{id}/listings", id);
        refused.then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", equalTo(List.of("line 3.listingId", "line 4.sku", "line 5", "line 6.sku")));
        as("viewer").get("/api/v1/channels/{id}/listings", id).then().statusCode(200).body("size()", equalTo(0));
        problem(as("admin").contentType("text/csv").body("A,B\n").post("/api/v1/channels/{id}/listings", newId("none")), 404, "id");

        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        as("admin").contentType("text/csv").body("sku,listingId\n" + sku + ",listing-" + sku + "\nOTHER-1,listing-o\n")
                .post("/api/v1/channels/{id}/listings", id).then().statusCode(200).body("imported", equalTo(2));
        as("viewer").get("/api/v1/channels/{id}/listings", id).then().statusCode(200)
                .body("listingId", equalTo(List.of("listing-o", "listing-" + sku)));

        // The mapped listing is the one the channel is told about.
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())) {
            kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, 1, 4);
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ChannelTesting.pushes(webhooks, id, sku))
                .extracting(ChannelTesting.Push::listingId).containsExactly("listing-" + sku));
    }

    @Test
    void aChannelDeclaredInConfigurationIsSeededAndFed() {
        String body = as("viewer").get("/api/v1/channels/{id}", WebhookStub.SEEDED_CHANNEL).then().statusCode(200)
                .body("type", equalTo("WEBHOOK")).body("credentials", equalTo(WebhookStub.SECRET_REF))
                .body("locations", equalTo(List.of(WebhookStub.SEEDED_LOCATION))).body("buffer.amount", equalTo(1))
                .body("options.timeoutMillis", equalTo("3000"))
                .extract().asString();
        assertNoSecretIn(List.of(body));
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())) {
            kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, WebhookStub.SEEDED_LOCATION, 1, 6);
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ChannelTesting.quantities(webhooks, WebhookStub.SEEDED_CHANNEL, sku))
                .containsExactly(5L));
        // The marketplace holds the number a moment before the worker records that it does.
        String sync = await().atMost(TIMEOUT).until(() -> as("viewer").queryParam("sku", sku)
                .get("/api/v1/channels/{id}/sync", WebhookStub.SEEDED_CHANNEL).then().statusCode(200).extract()
                .response(), response -> Integer.valueOf(5).equals(response.path("[0].pushedQuantity"))).asString();
        String status = as("viewer").get("/api/v1/channels/{id}/status", WebhookStub.SEEDED_CHANNEL).then().statusCode(200)
                .body("channelId", equalTo(WebhookStub.SEEDED_CHANNEL)).extract().asString();
        // the push was a call to the marketplace, counted in the minute it was sent
        List<Integer> calls = as("viewer").get("/api/v1/channels/{id}/calls", WebhookStub.SEEDED_CHANNEL).then()
                .statusCode(200).body("channelId", equalTo(WebhookStub.SEEDED_CHANNEL)).body("minutes.size()", equalTo(60))
                .extract().path("minutes.calls");
        assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
        as("viewer").queryParam("minutes", 5).get("/api/v1/channels/{id}/calls", WebhookStub.SEEDED_CHANNEL).then()
                .statusCode(200).body("minutes.size()", equalTo(5));
        problem(as("viewer").queryParam("minutes", 0).get("/api/v1/channels/{id}/calls", WebhookStub.SEEDED_CHANNEL),
                400, "minutes");
        as("viewer").get("/api/v1/channels/{id}/calls", "no-such-channel").then().statusCode(404);
        assertNoSecretIn(List.of(sync, status, as("viewer").get("/api/v1/channels").asString()));
        as("viewer").get("/q/openapi").then().statusCode(200).body(not(containsString(WebhookStub.SECRET)));
    }

    // --- helpers

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().header("Authorization", Tokens.bearer(role));
    }

    private static Response post(String body) {
        return as("admin").contentType(ContentType.JSON).body(body).post("/api/v1/channels");
    }

    private static void problem(Response response, int status, String field) {
        response.then().statusCode(status).contentType(containsString("application/problem+json"));
        String body = response.asString();
        assertThat(body).as(body).contains("\"" + field + "\"");
    }

    private static void assertNoSecretIn(List<String> bodies) {
        assertThat(bodies).isNotEmpty().allSatisfy(body -> assertThat(body).doesNotContain(WebhookStub.SECRET));
    }
}
