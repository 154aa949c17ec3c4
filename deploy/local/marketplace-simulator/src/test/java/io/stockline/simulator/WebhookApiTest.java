package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookApiTest {

    private static final String BODY = """
            {"channel":"web-shop","sentAt":"2026-11-23T12:00:00Z","updates":[{"sku":"W-1","listingId":"L-1","quantity":9},{"sku":"W-2","listingId":null,"quantity":0}]}""";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    /**
     * As channel-connector-service's WebhookConnector signs (the platform's WebhookSignature), computed here on its
     * own: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
     */
    static String sign(String secret, Instant at, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnsignedDeliveryIsAppliedWhenNoSecretIsSet() {
        given().contentType("application/json").body(BODY).post("/webhook/shop-a/stock")
                .then().statusCode(200).body("applied", equalTo(2));
        given().queryParam("marketplace", "webhook").queryParam("scope", "shop-a/stock").get("/_sim/listings")
                .then().body("listings.listingId", contains("L-1", "W-2"))
                .body("listings.quantity", contains(9, 0));
    }

    @Test
    void aDeliveryToWebhookItselfIsKeptUnderTheEmptyScope() {
        given().contentType("application/json").body(BODY).post("/webhook").then().statusCode(200).body("applied", equalTo(2));
        given().queryParam("marketplace", "webhook").queryParam("scope", "").get("/_sim/listings")
                .then().body("listings.listingId", contains("L-1", "W-2"));
        Sim.seed("webhook", "", "L-1", 3);
        assertThat(Sim.quantity("webhook", "L-1")).isEqualTo(3);
    }

    @Test
    void withASecretOnlyACorrectSignatureIsAccepted() throws Exception {
        given().contentType("application/json").body(Map.of("webhookSecret", "s3cret")).put("/_sim/settings").then().statusCode(200);
        given().contentType("application/json").body(BODY).post("/webhook/shop-b")
                .then().statusCode(401).body("violations[0].field", equalTo("X-Stockline-Signature"));
        Instant now = Instant.now();
        given().contentType("application/json").header("X-Stockline-Signature", sign("other", now, BODY)).body(BODY).post("/webhook/shop-b")
                .then().statusCode(401);
        assertThat(given().get("/_sim/listings?marketplace=webhook").then().extract().jsonPath().getList("listings")).isEmpty();
        // the right signature under another timestamp than the one it claims
        given().contentType("application/json")
                .header("X-Stockline-Signature", sign("s3cret", now, BODY).replaceFirst("^t=\\d+", "t=" + (now.getEpochSecond() + 1)))
                .body(BODY).post("/webhook/shop-b")
                .then().statusCode(401);
        // a correctly signed request replayed six minutes later is stale
        given().contentType("application/json")
                .header("X-Stockline-Signature", sign("s3cret", now.minus(Duration.ofMinutes(6)), BODY)).body(BODY).post("/webhook/shop-b")
                .then().statusCode(401).body("violations[0].field", equalTo("X-Stockline-Signature"));
        assertThat(given().get("/_sim/listings?marketplace=webhook").then().extract().jsonPath().getList("listings")).isEmpty();
        given().contentType("application/json")
                .header("X-Stockline-Signature", sign("s3cret", now, BODY)).body(BODY).post("/webhook/shop-b")
                .then().statusCode(200);
        assertThat(Sim.quantity("webhook", "L-1")).isEqualTo(9);
    }

    @Test
    void aMalformedDeliveryNamesTheFieldAndChangesNothing() {
        given().contentType("application/json").body("{\"channel\":\"c\",\"updates\":[{\"sku\":\"W-3\",\"quantity\":\"many\"}]}")
                .post("/webhook/shop-c").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("updates[0].quantity"));
        Sim.listings("webhook", "W-3").then().body("listings.size()", equalTo(0));
    }
}
