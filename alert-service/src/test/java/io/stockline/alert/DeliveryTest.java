package io.stockline.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.stockline.alert.AlertTestSupport.admin;
import static io.stockline.alert.AlertTestSupport.as;
import static io.stockline.alert.AlertTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.stockline.alert.service.DeliveryService;
import io.stockline.alert.service.SubscriptionService;
import io.stockline.platform.webhook.WebhookSignature.Verdict;
import io.stockline.platform.webhook.WebhookSignature;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * Alerts delivered to subscriptions: webhooks signed with the platform's timestamped signature (a replay is
 * refused) and retried against a WireMock stub that fails first, chat messages, e-mail through a real SMTP server
 * (GreenMail) read back, and a daily digest as one message. Every subscription here filters on its test's own SKU,
 * since subscriptions see every alert of the service.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
@QuarkusTestResource(PeerStubs.class)
@QuarkusTestResource(GreenMailResource.class)
class DeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @InjectWireMock
    WireMockServer peer;

    @Inject
    DeliveryService deliveryService;

    @Inject
    SubscriptionService subscriptionService;

    @GreenMailResource.InjectGreenMail
    GreenMail mail;

    private KafkaProbe kafka;

    @BeforeEach
    void open() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers());
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aWebhookIsSignedAndRetriedWithBackoffUntilItIsDelivered() throws Exception {
        String sku = newSku();
        String path = "/hooks/" + UUID.randomUUID();
        String secret = "s3cr3t-" + UUID.randomUUID();
        String scenario = "fails twice " + path;
        peer.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("down")).willSetStateTo("failed once"));
        peer.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        peer.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(204)));
        String subscription = subscribe(Map.of("name", "erp", "channel", "WEBHOOK", "target", peer.baseUrl() + path,
                "secret", secret, "sku", sku, "kinds", List.of("LOW_STOCK")));

        stock(sku, 1, 3); // low (and not out): one LOW_STOCK alert

        JsonPath delivery = await().atMost(TIMEOUT).until(() -> deliveries(subscription),
                d -> d.getList("$").size() == 1 && "DELIVERED".equals(d.getString("[0].status")));
        assertThat(delivery.getInt("[0].attempts")).isEqualTo(3);
        assertThat(delivery.getString("[0].lastError")).as("the last failure stays visible").isEqualTo("HTTP 503");
        assertThat(delivery.getString("[0].channel")).isEqualTo("WEBHOOK");
        assertThat(delivery.getString("[0].eventType")).isEqualTo("io.stockline.alert.opened.v1");

        List<LoggedRequest> requests = peer.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(3);
        String body = requests.get(0).getBodyAsString();
        for (LoggedRequest request : requests) {
            assertThat(request.getBodyAsString()).as("every attempt sends the same bytes").isEqualTo(body);
            String signature = request.getHeader(WebhookSignature.HEADER);
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            Instant received = request.getLoggedDate().toInstant();
            assertThat(WebhookSignature.verify(secret, signature, body, received))
                    .as("valid when it arrives").isEqualTo(Verdict.VALID);
            assertThat(WebhookSignature.verify(secret, signature, body, received.plus(Duration.ofMinutes(6))))
                    .as("the same request replayed six minutes later is refused").isEqualTo(Verdict.STALE);
            assertThat(WebhookSignature.verify("wrong", signature, body, received)).isEqualTo(Verdict.MISMATCH);
            assertThat(WebhookSignature.verify(secret, signature, body.replace(sku, "SKU-OTHER"), received))
                    .as("a changed body").isEqualTo(Verdict.MISMATCH);
            assertThat(request.getHeader("X-Stockline-Event-Type")).isEqualTo("io.stockline.alert.opened.v1");
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        }
        JsonNode alert = AlertTestSupport.JSON.readTree(body);
        assertThat(alert.get("kind").asText()).isEqualTo("LOW_STOCK");
        assertThat(alert.get("sku").asText()).isEqualTo(sku);
        assertThat(alert.get("alertId").asText()).isEqualTo(delivery.getString("[0].alertId"));

        // The secret never comes back.
        String shown = as("viewer").get("/api/v1/subscriptions/" + subscription).then().statusCode(200)
                .body("secretSet", equalTo(true)).extract().asString();
        assertThat(shown).doesNotContain(secret).doesNotContain("\"secret\"");
        assertThat(as("viewer").get("/api/v1/subscriptions").asString()).doesNotContain(secret);
        assertThat(as("viewer").get("/api/v1/deliveries?subscriptionId=" + subscription).asString()).doesNotContain(secret);
    }

    @Test
    void aDeliveryThatKeepsFailingEndsFailedVisiblyAndCanBeSentAgain() {
        String sku = newSku();
        String path = "/hooks/" + UUID.randomUUID();
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503).withBody("maintenance")));
        String subscription = subscribe(Map.of("name", "flaky", "channel", "WEBHOOK", "target", peer.baseUrl() + path,
                "secret", "k", "sku", sku, "kinds", List.of("OUT_OF_STOCK")));

        stock(sku, 1, 0); // low and out; this subscription hears about out of stock only

        JsonPath failed = await().atMost(TIMEOUT).until(() -> deliveries(subscription),
                d -> d.getList("$").size() == 1 && "FAILED".equals(d.getString("[0].status")));
        assertThat(failed.getInt("[0].attempts")).as("max-attempts in the test profile").isEqualTo(4);
        // the status only: what the receiver said ("maintenance") is its own text, kept in the log, not shown to viewers
        assertThat(failed.getString("[0].lastError")).isEqualTo("HTTP 503");
        assertThat(peer.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(4);
        as("viewer").queryParam("status", "FAILED").queryParam("subscriptionId", subscription)
                .get("/api/v1/deliveries").then().statusCode(200).body("size()", equalTo(1));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("stockline_alert_deliveries_total")
                && line.contains("outcome=\"GIVEN_UP\"") && line.contains("channel=\"WEBHOOK\""))).hasSize(1);

        // The peer is back; an operator sends it again.
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String id = failed.getString("[0].id");
        as("viewer").post("/api/v1/deliveries/" + id + "/retry").then().statusCode(403);
        as("operator").post("/api/v1/deliveries/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("PENDING"));
        await().atMost(TIMEOUT).untilAsserted(() -> as("viewer").get("/api/v1/deliveries/" + id).then()
                .statusCode(200).body("status", equalTo("DELIVERED")).body("attempts", equalTo(5)));
    }

    @Test
    void chatGetsASlackCompatibleTextMessageAndItsUrlIsNotShown() {
        String sku = newSku();
        String path = "/services/T000/B000/" + UUID.randomUUID();
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("ok")));
        String subscription = subscribe(Map.of("name", "ops channel", "channel", "CHAT",
                "target", peer.baseUrl() + path, "sku", sku, "kinds", List.of("LOW_STOCK")));

        stock(sku, 1, 10);
        stock(sku, 2, 2); // opens
        stock(sku, 3, 9); // resolves

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(peer.findAll(postRequestedFor(urlEqualTo(path))))
                .hasSize(2));
        peer.verify(postRequestedFor(urlEqualTo(path))
                .withRequestBody(matchingJsonPath("$.text", containing("Low stock: " + sku + " at WH1 has 2 available"))));
        peer.verify(postRequestedFor(urlEqualTo(path))
                .withRequestBody(matchingJsonPath("$.text", containing("Resolved - Low stock: " + sku))));
        String shown = as("viewer").get("/api/v1/subscriptions/" + subscription).then().statusCode(200)
                .body("target", equalTo(peer.baseUrl() + "/...")).extract().asString();
        assertThat(shown).doesNotContain("T000");
    }

    /**
     * Vert.x words a timeout with the request's path and query, a chat hook's credential: what viewers read and the
     * log holds is the kind of failure and the host.
     */
    @Test
    void aReceiverThatTimesOutLeavesAnErrorNamingItsHostNotItsPath() {
        String sku = newSku();
        String token = "xoxb" + UUID.randomUUID().toString().replace("-", "");
        String path = "/services/T000/B000/" + token;
        // longer than the 5 s the test profile waits for an answer
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(7_000)));
        String subscription = subscribe(Map.of("name", "slow chat", "channel", "CHAT", "target", peer.baseUrl() + path,
                "sku", sku, "kinds", List.of("OUT_OF_STOCK")));

        stock(sku, 1, 0);

        JsonPath failed = await().atMost(TIMEOUT).until(() -> deliveries(subscription),
                d -> d.getList("$").size() == 1 && d.getString("[0].lastError") != null);
        assertThat(failed.getString("[0].lastError")).isEqualTo("timed out after 5000 ms (localhost)");
        String id = failed.getString("[0].id");
        assertThat(as("viewer").get("/api/v1/deliveries/" + id).asString()).doesNotContain(token)
                .doesNotContain("/services/");

        // the receiver answers in time again: the next attempt delivers
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        await().atMost(TIMEOUT).untilAsserted(() -> as("viewer").get("/api/v1/deliveries/" + id).then()
                .statusCode(200).body("status", equalTo("DELIVERED")));
    }

    @Test
    void anEmailGoesThroughARealSmtpServer() throws Exception {
        String sku = newSku();
        String to = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
        String subscription = subscribe(Map.of("name", "buyer", "channel", "EMAIL", "target", to, "sku", sku,
                "kinds", List.of("OUT_OF_STOCK")));

        stock(sku, 1, 0);

        await().atMost(TIMEOUT).until(() -> messagesTo(to).size() == 1);
        MimeMessage message = messagesTo(to).get(0);
        assertThat(message.getSubject()).isEqualTo("[Stockline] Out of stock: " + sku + " at WH1 has 0 available");
        assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@stockline.test");
        assertThat(GreenMailUtil.getBody(message)).contains("Kind: OUT_OF_STOCK", "SKU: " + sku + " at WH1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deliveries(subscription).getString("[0].status"))
                .isEqualTo("DELIVERED"));
    }

    @Test
    void aDigestSubscriptionGetsOneMessageForTheDaysAlerts() throws Exception {
        String sku = newSku();
        String to = "digest-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
        String subscription = subscribe(Map.of("name", "daily", "channel", "EMAIL", "target", to, "sku", sku,
                "digest", true, "digestTime", "07:30"));
        as("viewer").get("/api/v1/subscriptions/" + subscription).then().statusCode(200)
                .body("digest", equalTo(true)).body("digestTime", equalTo("07:30:00"));

        stock(sku, 1, 10);
        stock(sku, 2, 0); // low and out at WH1
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH2", 1, 4); // low at WH2
        await().atMost(TIMEOUT).untilAsserted(() -> as("viewer").queryParam("sku", sku).get("/api/v1/alerts")
                .then().body("size()", equalTo(3)));
        assertThat(deliveries(subscription).getList("$")).as("no message per alert").isEmpty();

        admin().post("/api/v1/subscriptions/" + subscription + "/digest").then().statusCode(200)
                .body("alerts", equalTo(3));
        admin().post("/api/v1/subscriptions/" + subscription + "/digest").then().statusCode(200)
                .body("alerts", equalTo(0)); // nothing new since

        await().atMost(TIMEOUT).until(() -> messagesTo(to).size() == 1);
        MimeMessage digest = messagesTo(to).get(0);
        assertThat(digest.getSubject()).isEqualTo("Stockline digest: 3 alerts, 3 still open");
        String text = GreenMailUtil.getBody(digest);
        assertThat(text).contains("Low stock: " + sku + " at WH1", "Out of stock: " + sku + " at WH1",
                "Low stock: " + sku + " at WH2");
        assertThat(deliveries(subscription).getString("[0].eventType")).isEqualTo("io.stockline.alert.digest.v1");
    }

    @Test
    void concurrentWorkersSendEachDeliveryOnce() throws Exception {
        String location = "LOC-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/hooks/" + UUID.randomUUID();
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(150)));
        String subscription = subscribe(Map.of("name", "busy", "channel", "WEBHOOK", "target", peer.baseUrl() + path,
                "secret", "k", "location", location, "kinds", List.of("LOW_STOCK")));
        int skus = 12;
        for (int i = 0; i < skus; i++) {
            kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), newSku(), location, 1, 1);
        }

        // Four workers of our own race the scheduled one until every delivery is done.
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                running.add(workers.submit(() -> {
                    long end = System.nanoTime() + TIMEOUT.toNanos();
                    while (System.nanoTime() < end && delivered(subscription) < skus) {
                        try {
                            VertxContextSupport.subscribeAndAwait(deliveryService::deliverDue);
                        } catch (Throwable failure) {
                            throw new IllegalStateException(failure);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(delivered(subscription)).isEqualTo(skus);
        List<LoggedRequest> requests = peer.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(skus);
        assertThat(requests.stream().map(r -> r.getHeader("X-Stockline-Delivery")).distinct()).hasSize(skus);
        assertThat(deliveries(subscription).getList("attempts", Integer.class)).containsOnly(1);
    }

    @Test
    void aDeliveryClaimedByAWorkerThatDiedIsSentAfterTheLease() throws Exception {
        String sku = newSku();
        String path = "/hooks/" + UUID.randomUUID();
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String subscription = subscribe(Map.of("name", "after crash", "channel", "WEBHOOK",
                "target", peer.baseUrl() + path, "secret", "k", "sku", sku));
        UUID id = UUID.randomUUID();
        // As a worker leaves it when it dies mid-send: attempt counted, the next one a lease (6 s here) away.
        try (Connection db = TestDatabase.connect();
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO delivery (id, subscription_id, event_type, channel, subject, body, attempts,
                                              next_attempt_at)
                        VALUES (?, ?, 'io.stockline.alert.opened.v1', 'WEBHOOK', 's', ?, 1,
                                now() + interval '6 seconds')""")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(subscription));
            insert.setString(3, "{\"sku\":\"" + sku + "\"}");
            insert.executeUpdate();
        }
        assertThat(peer.findAll(postRequestedFor(urlEqualTo(path)))).as("not before the lease").isEmpty();

        await().atMost(TIMEOUT).untilAsserted(() -> as("viewer").get("/api/v1/deliveries/" + id).then()
                .statusCode(200).body("status", equalTo("DELIVERED")).body("attempts", equalTo(2)));
        assertThat(peer.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1)
                .first().satisfies(request -> assertThat(request.getBodyAsString()).contains(sku));
    }

    @Test
    void aTargetThatLeadsIntoTheDeploymentWhenCalledFailsWithoutAConnection() throws Exception {
        String sku = newSku();
        String path = "/hooks/" + UUID.randomUUID();
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String subscription = subscribe(Map.of("name", "moved inside", "channel", "WEBHOOK",
                "target", peer.baseUrl() + path, "secret", "k", "sku", sku, "kinds", List.of("OUT_OF_STOCK")));
        // As if its name had come to resolve to loopback after it was saved: the same peer, by its address, which
        // the test allow-list (localhost, by name) does not cover.
        String inside = "http://127.0.0.1:" + peer.port() + path;
        try (Connection db = TestDatabase.connect();
                PreparedStatement update = db.prepareStatement("UPDATE subscription SET target = ? WHERE id = ?")) {
            update.setString(1, inside);
            update.setObject(2, UUID.fromString(subscription));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        stock(sku, 1, 0);

        JsonPath failed = await().atMost(TIMEOUT).until(() -> deliveries(subscription),
                d -> d.getList("$").size() == 1 && "FAILED".equals(d.getString("[0].status")));
        assertThat(failed.getString("[0].lastError")).startsWith("refused: 127.0.0.1 resolves to a loopback address");
        assertThat(peer.findAll(postRequestedFor(urlEqualTo(path)))).as("no connection was made").isEmpty();
    }

    @Test
    void targetsAndSecretsAreSealedAtRestAndWhatWasStoredInClearIsSealedAgain() throws Throwable {
        String sku = newSku();
        String path = "/hooks/" + UUID.randomUUID();
        String secret = "at-rest-" + UUID.randomUUID();
        peer.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String sealed = subscribe(Map.of("name", "sealed", "channel", "WEBHOOK", "target", peer.baseUrl() + path,
                "secret", secret, "sku", sku, "kinds", List.of("OUT_OF_STOCK")));
        String legacy = subscribe(Map.of("name", "from before sealing", "channel", "WEBHOOK",
                "target", peer.baseUrl() + path, "secret", "other", "sku", sku, "kinds", List.of("OUT_OF_STOCK")));

        // A dump of the table holds neither the URL nor the secret
        assertThat(stored(sealed)).allSatisfy(value -> assertThat(value).startsWith("v1:").doesNotContain(path)
                .doesNotContain(secret));
        // As a row stored before sealing: in clear; the start-up pass seals it, and it reads as before
        try (Connection db = TestDatabase.connect();
                PreparedStatement update = db.prepareStatement(
                        "UPDATE subscription SET target = ?, secret = ? WHERE id = ?")) {
            update.setString(1, peer.baseUrl() + path);
            update.setString(2, secret);
            update.setObject(3, UUID.fromString(legacy));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(VertxContextSupport.subscribeAndAwait(subscriptionService::resealStored)).isGreaterThanOrEqualTo(1);
        assertThat(stored(legacy)).allSatisfy(value -> assertThat(value).startsWith("v1:").doesNotContain(secret));
        as("viewer").get("/api/v1/subscriptions/" + legacy).then().statusCode(200)
                .body("target", equalTo(peer.baseUrl() + "/...")).body("secretSet", equalTo(true));

        stock(sku, 1, 0);

        // Both deliver, signed with their secret as it was given
        await().atMost(TIMEOUT).until(() -> delivered(sealed) == 1 && delivered(legacy) == 1);
        List<LoggedRequest> requests = peer.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(WebhookSignature.verify(secret,
                request.getHeader(WebhookSignature.HEADER), request.getBodyAsString(), request.getLoggedDate().toInstant()))
                .isEqualTo(Verdict.VALID));
    }

    /** The subscription's target and secret as the table holds them. */
    private List<String> stored(String subscription) throws Exception {
        try (Connection db = TestDatabase.connect();
                PreparedStatement select = db.prepareStatement("SELECT target, secret FROM subscription WHERE id = ?")) {
            select.setObject(1, UUID.fromString(subscription));
            try (var row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return List.of(row.getString(1), row.getString(2));
            }
        }
    }

    // --- helpers

    private int delivered(String subscription) {
        return as("viewer").queryParam("subscriptionId", subscription).queryParam("status", "DELIVERED")
                .get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private String subscribe(Map<String, Object> request) {
        return admin().body(new HashMap<>(request)).post("/api/v1/subscriptions").then().statusCode(201)
                .extract().path("id");
    }

    private JsonPath deliveries(String subscription) {
        return as("viewer").queryParam("subscriptionId", subscription).get("/api/v1/deliveries").then()
                .statusCode(200).extract().jsonPath();
    }

    private void stock(String sku, long version, long available) {
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", version, available);
    }

    private List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
