package io.stockline.alert;

import static io.restassured.RestAssured.given;
import static io.stockline.alert.AlertTestSupport.admin;
import static io.stockline.alert.AlertTestSupport.as;
import static io.stockline.alert.AlertTestSupport.newSku;
import static io.stockline.alert.AlertTestSupport.ruleBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The alert API: who may call what (viewers read, operators acknowledge and retry, admins edit rules and
 * subscriptions), bad input as RFC 9457 problems naming the field and changing nothing, CRUD, acknowledgement.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class AlertApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    record Call(String name, String leastRole, int success, Function<RequestSpecification, Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String NO_SUCH = UUID.randomUUID().toString();

    static Stream<Arguments> calls() {
        return Stream.of(
                new Call("list alerts", "viewer", 200, r -> r.get("/api/v1/alerts")),
                new Call("one alert", "viewer", 404, r -> r.get("/api/v1/alerts/" + NO_SUCH)),
                new Call("acknowledge", "operator", 404, r -> r.post("/api/v1/alerts/" + NO_SUCH + "/acknowledge")),
                new Call("list rules", "viewer", 200, r -> r.get("/api/v1/rules")),
                new Call("effective rule", "viewer", 200, r -> r.get("/api/v1/rules/effective?kind=LOW_STOCK")),
                new Call("create rule", "admin", 201, r -> r.contentType(ContentType.JSON)
                        .body(ruleBody("LOW_STOCK", newSku(), null, 3L, 60L)).post("/api/v1/rules")),
                new Call("change rule", "admin", 404, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("threshold", 1)).put("/api/v1/rules/" + NO_SUCH)),
                new Call("delete rule", "admin", 404, r -> r.delete("/api/v1/rules/" + NO_SUCH)),
                new Call("list subscriptions", "viewer", 200, r -> r.get("/api/v1/subscriptions")),
                new Call("create subscription", "admin", 201, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("name", "n", "channel", "EMAIL", "target", "a@b.test", "sku", newSku(),
                                "enabled", false))
                        .post("/api/v1/subscriptions")),
                new Call("delete subscription", "admin", 404, r -> r.delete("/api/v1/subscriptions/" + NO_SUCH)),
                new Call("digest now", "admin", 404, r -> r.post("/api/v1/subscriptions/" + NO_SUCH + "/digest")),
                new Call("list deliveries", "viewer", 200, r -> r.get("/api/v1/deliveries")),
                new Call("retry delivery", "operator", 404, r -> r.post("/api/v1/deliveries/" + NO_SUCH + "/retry")))
                .map(Arguments::of);
    }

    private static final List<String> ROLES = List.of("viewer", "operator", "admin");

    @ParameterizedTest
    @MethodSource("calls")
    void eachCallNeedsItsRole(Call call) {
        call.send().apply(given()).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        call.send().apply(given().header("Authorization", "Bearer not-a-token")).then().statusCode(401);
        int least = ROLES.indexOf(call.leastRole());
        for (int i = 0; i < ROLES.size(); i++) {
            int status = call.send().apply(as(ROLES.get(i))).statusCode();
            if (i < least) {
                assertThat(status).as(call + " as " + ROLES.get(i)).isEqualTo(403);
            } else {
                assertThat(status).as(call + " as " + ROLES.get(i)).isEqualTo(call.success());
            }
        }
    }

    @Test
    void rulesAreCreatedReadChangedAndDeleted() {
        String sku = newSku();
        String id = AlertTestSupport.rule(ruleBody("OVERSTOCK", sku, "WH9", 500L, null));
        as("viewer").get("/api/v1/rules/" + id).then().statusCode(200)
                .body("kind", equalTo("OVERSTOCK")).body("sku", equalTo(sku)).body("location", equalTo("WH9"))
                .body("threshold", equalTo(500)).body("cooldownSeconds", equalTo(900)).body("enabled", equalTo(true));
        admin().body(Map.of("enabled", false, "cooldownSeconds", 30)).put("/api/v1/rules/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("cooldownSeconds", equalTo(30)).body("threshold", equalTo(500));
        assertThat(as("viewer").get("/api/v1/rules").jsonPath().getList("id", String.class)).contains(id);
        admin().delete("/api/v1/rules/" + id).then().statusCode(204);
        as("viewer").get("/api/v1/rules/" + id).then().statusCode(404);
    }

    @Test
    void badRulesAreProblemsNamingTheFieldAndChangeNothing() {
        String sku = newSku();
        int before = rules();
        problem(admin().body(Map.of()).post("/api/v1/rules"), 400, "kind");
        problem(admin().body(ruleBody("LOW_STOCK", sku, null, null, null)).post("/api/v1/rules"), 400, "threshold");
        problem(admin().body(ruleBody("LOW_STOCK", sku, null, -1L, null)).post("/api/v1/rules"), 400, "threshold");
        problem(admin().body(ruleBody("LOW_STOCK", sku, null, 5L, -1L)).post("/api/v1/rules"), 400, "cooldownSeconds");
        problem(admin().body(ruleBody("SYNC_FAILING", sku, null, 60L, null)).post("/api/v1/rules"), 400, "sku");
        problem(admin().body(ruleBody("LOW_STOCK", " ", null, 5L, null)).post("/api/v1/rules"), 400, "sku");
        Map<String, Object> channelOnStock = new HashMap<>(ruleBody("LOW_STOCK", null, null, 5L, null));
        channelOnStock.put("channel", "shop");
        problem(admin().body(channelOnStock).post("/api/v1/rules"), 400, "channel");
        Response unknownKind = admin().body("{\"kind\":\"NOPE\",\"threshold\":1}").post("/api/v1/rules");
        unknownKind.then().statusCode(400).header("Content-Type", startsWith(PROBLEM_JSON));
        assertThat(rules()).isEqualTo(before);

        AlertTestSupport.rule(ruleBody("LOW_STOCK", sku, null, 5L, null));
        problem(admin().body(ruleBody("LOW_STOCK", sku, null, 7L, null)).post("/api/v1/rules"), 409, "kind");
        assertThat(rules()).isEqualTo(before + 1);
    }

    /** Days past what a date can be moved by made every stock event with dated lots fail (dead-lettered). */
    @Test
    void aNearExpiryWindowIsAtMostTenYearsWhenCreatedOrChanged() {
        String sku = newSku();
        int before = rules();
        problem(admin().body(ruleBody("NEAR_EXPIRY", sku, null, 999_999_999_999_999L, null)).post("/api/v1/rules"),
                400, "threshold");
        problem(admin().body(ruleBody("NEAR_EXPIRY", sku, null, 3651L, null)).post("/api/v1/rules"), 400, "threshold");
        assertThat(rules()).isEqualTo(before);

        String id = AlertTestSupport.rule(ruleBody("NEAR_EXPIRY", sku, null, 3650L, null));
        admin().body(Map.of("threshold", 30)).put("/api/v1/rules/" + id).then().statusCode(200)
                .body("threshold", equalTo(30));
        problem(admin().body(Map.of("threshold", 999_999_999_999_999L, "enabled", false)).put("/api/v1/rules/" + id),
                400, "threshold");
        as("viewer").get("/api/v1/rules/" + id).then().statusCode(200).body("threshold", equalTo(30))
                .body("enabled", equalTo(true));
        // the bound is a number of days: a stock maximum may be any size
        String overstock = AlertTestSupport.rule(ruleBody("OVERSTOCK", sku, null, 5_000L, null));
        admin().body(Map.of("threshold", 999_999_999_999_999L)).put("/api/v1/rules/" + overstock).then()
                .statusCode(200);
    }

    @Test
    void badSubscriptionsAndQueriesAreProblemsNamingTheField() {
        int before = as("viewer").get("/api/v1/subscriptions").jsonPath().getList("$").size();
        problem(admin().body(Map.of("name", "x", "channel", "WEBHOOK", "target", "https://erp.test/hook"))
                .post("/api/v1/subscriptions"), 400, "secret");
        problem(admin().body(Map.of("name", "x", "channel", "EMAIL", "target", "not an address"))
                .post("/api/v1/subscriptions"), 400, "target");
        problem(admin().body(Map.of("name", "x", "channel", "CHAT", "target", "ftp://chat.test/x"))
                .post("/api/v1/subscriptions"), 400, "target");
        problem(admin().body(Map.of("name", "x", "channel", "EMAIL", "target", "a@b.test", "digest", true,
                "digestTime", "25:99")).post("/api/v1/subscriptions"), 400, "digestTime");
        problem(admin().body(Map.of("channel", "EMAIL", "target", "a@b.test")).post("/api/v1/subscriptions"), 400,
                "name");
        assertThat(as("viewer").get("/api/v1/subscriptions").jsonPath().getList("$")).hasSize(before);

        problem(as("viewer").get("/api/v1/alerts?status=SHOUTING"), 400, "status");
        problem(as("viewer").get("/api/v1/alerts?kind=NOPE"), 400, "kind");
        problem(as("viewer").get("/api/v1/alerts?acknowledged=yes"), 400, "acknowledged");
        problem(as("viewer").get("/api/v1/alerts?limit=0"), 400, "limit");
        // not a number, or not an int: a 400 naming it, not the bare 404 a typed parameter answered
        problem(as("viewer").get("/api/v1/alerts?limit=abc"), 400, "limit");
        problem(as("viewer").get("/api/v1/alerts?limit=3000000000"), 400, "limit");
        problem(as("viewer").get("/api/v1/deliveries?limit=abc"), 400, "limit");
        problem(as("viewer").get("/api/v1/deliveries?limit=3000000000"), 400, "limit");
        problem(as("viewer").get("/api/v1/deliveries?status=LOST"), 400, "status");
        as("viewer").get("/api/v1/alerts?limit=1&status=open").then().statusCode(200);
        as("viewer").get("/api/v1/deliveries?limit=1000").then().statusCode(200);
        problem(as("viewer").get("/api/v1/deliveries?subscriptionId=abc"), 400, "subscriptionId");
        problem(as("viewer").get("/api/v1/alerts/not-a-uuid"), 404, "id");
        problem(as("viewer").get("/api/v1/rules/effective"), 400, "kind");
    }

    @Test
    void aWebhookOrChatTargetInsideTheDeploymentIsRefusedNamingTheTarget() {
        int before = as("viewer").get("/api/v1/subscriptions").jsonPath().getList("$").size();
        // loopback, cloud metadata, private, and loopback again in its IPv4-mapped IPv6 form; port 9 (discard):
        // nothing is sent anywhere, and nothing listens there if something were
        for (String host : List.of("127.0.0.1", "169.254.169.254", "10.0.0.1", "[::ffff:127.0.0.1]", "[::1]")) {
            problem(admin().body(Map.of("name", "x", "channel", "WEBHOOK", "target", "http://" + host + ":9/hook",
                    "secret", "k")).post("/api/v1/subscriptions"), 422, "target");
            problem(admin().body(Map.of("name", "x", "channel", "CHAT", "target", "https://" + host + "/chat"))
                    .post("/api/v1/subscriptions"), 422, "target");
        }
        assertThat(as("viewer").get("/api/v1/subscriptions").jsonPath().getList("$")).hasSize(before);

        // a change is checked the same way, and leaves the subscription as it was
        String id = admin().body(Map.of("name", "erp", "channel", "WEBHOOK", "target", "https://erp.test/hook",
                "secret", "abc", "sku", newSku())).post("/api/v1/subscriptions").then().statusCode(201)
                .extract().path("id");
        problem(admin().body(Map.of("name", "erp", "channel", "WEBHOOK", "target", "http://169.254.169.254/latest/meta-data"))
                .put("/api/v1/subscriptions/" + id), 422, "target");
        as("viewer").get("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("target", equalTo("https://erp.test/..."));
        admin().delete("/api/v1/subscriptions/" + id).then().statusCode(204);
    }

    /** A webhook URL may carry its credential in the path or query, as a chat hook's does: shown up to its host. */
    @Test
    void aWebhookTargetIsShownOnlyUpToItsHost() {
        String token = "tok-" + UUID.randomUUID();
        String target = "https://erp.test:8443/hooks/" + token + "?key=" + token;
        String id = admin().body(Map.of("name", "erp", "channel", "WEBHOOK", "target", target, "secret", "abc",
                "sku", newSku())).post("/api/v1/subscriptions").then().statusCode(201)
                .body("target", equalTo("https://erp.test:8443/...")).extract().path("id");
        admin().body(Map.of("name", "erp", "channel", "WEBHOOK", "target", target)).put("/api/v1/subscriptions/" + id)
                .then().statusCode(200).body("target", equalTo("https://erp.test:8443/..."));
        as("viewer").get("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("target", equalTo("https://erp.test:8443/..."));
        assertThat(as("viewer").get("/api/v1/subscriptions").asString()).doesNotContain(token);
        admin().delete("/api/v1/subscriptions/" + id).then().statusCode(204);
    }

    @Test
    void aSubscriptionKeepsItsSecretWhenChangedWithoutOne() {
        String id = admin().body(Map.of("name", "erp", "channel", "WEBHOOK", "target", "https://erp.test/hook",
                "secret", "abc", "sku", newSku())).post("/api/v1/subscriptions").then().statusCode(201)
                .body("secretSet", equalTo(true)).extract().path("id");
        admin().body(Map.of("name", "erp 2", "channel", "WEBHOOK", "target", "https://erp.test/hook2", "enabled", false))
                .put("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("name", equalTo("erp 2")).body("secretSet", equalTo(true)).body("enabled", equalTo(false));
        admin().delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        as("viewer").get("/api/v1/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void anOperatorAcknowledgesAnAlertOnceAndTheFirstAcknowledgementStands() {
        String sku = newSku();
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())) {
            kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", 1, 2);
        }
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> as("viewer").queryParam("sku", sku)
                .get("/api/v1/alerts").jsonPath().getString("[0].id"), notNullValue());

        as("viewer").post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(403);
        as("operator").post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledgedBy", equalTo("test-operator")).body("acknowledgedAt", notNullValue());
        as("admin").post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledgedBy", equalTo("test-operator"));
        as("viewer").queryParam("sku", sku).queryParam("acknowledged", "true").get("/api/v1/alerts").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(id));
        as("viewer").queryParam("sku", sku).queryParam("acknowledged", "false").get("/api/v1/alerts").then()
                .statusCode(200).body("size()", equalTo(0));
        as("viewer").get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("sku", equalTo(sku)).body("acknowledgedBy", equalTo("test-operator"));
    }

    private static int rules() {
        return as("viewer").get("/api/v1/rules").jsonPath().getList("$").size();
    }

    private static void problem(Response response, int status, String field) {
        response.then().statusCode(status).header("Content-Type", startsWith(PROBLEM_JSON))
                .body("status", equalTo(status));
        String named = response.jsonPath().getString("violations[0].field");
        if (named == null) {
            named = response.jsonPath().getString("field");
        }
        assertThat(named).as(response.asString()).isEqualTo(field);
    }
}
