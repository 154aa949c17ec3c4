package io.stockline.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * An Amazon channel end to end through the worker (stock events on the real broker, sync state in PostgreSQL, Amazon
 * played by WireMock): a {@code 200 ACCEPTED} from patchListingsItem is queued, not applied. The pair stays pending
 * (state ACCEPTED, nothing recorded as pushed, not patched again) until getListingsItem shows the quantity, or is
 * REJECTED when Amazon's issues report an ERROR against {@code fulfillment_availability}.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class AmazonAcceptedFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    /** The %test profile's Amazon credentials (application.properties). */
    private static final String CREDENTIALS_REF = "test-amazon";

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    /** Amazon, played by the stub's WireMock under /hooks/<channel>/ (Login with Amazon beside its SP-API). */
    @InjectWireMock
    WireMockServer amazon;

    private KafkaProbe kafka;
    private String location;
    private String channel;
    private String items;
    /** searchListingsItems: the seller's listings, found by SKU. */
    private String search;

    @BeforeEach
    void newChannel() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers());
        location = newId("WH");
        channel = newId("amzn");
        String seller = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        search = "/hooks/" + channel + "/listings/2021-08-01/items/" + seller;
        items = search + "/";
        amazon.stubFor(post(urlPathEqualTo("/hooks/" + channel + "/auth/o2/token"))
                .willReturn(okJson("{\"access_token\":\"Atza|flow\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"id":"%s","type":"AMAZON","endpoint":"%s%s","credentials":"%s",
                 "options":{"sellerId":"%s","marketplaceIds":"A1PA6795UKMFR9","retryInitialBackoffMillis":"20"},
                 "locations":["%s"]}""".formatted(channel, webhookBase, channel, CREDENTIALS_REF, seller, location))
                .post("/api/v1/channels").then().statusCode(201);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void anAcceptedPatchIsPendingUntilTheListingReadsBackTheQuantityThenSynced() {
        String sku = newSku();
        amazon.stubFor(patch(urlPathEqualTo(items + sku)).willReturn(okJson(accepted(sku))));
        // Amazon has not processed the submission yet: the listing still holds the old number
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(okJson(found(item(sku, 2, "")))));

        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, 1, 7);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(row(sku)).containsEntry("state", "ACCEPTED").containsEntry("pushedQuantity", null)
                    .containsEntry("pushedVersion", null);
            assertThat(amazon.findAll(getRequestedFor(urlPathEqualTo(search)))).as("read back at least twice").hasSizeGreaterThan(1);
        });
        assertThat(status().get("pending")).as("an accepted pair is pending").isEqualTo(1);
        List<LoggedRequest> reads = amazon.findAll(getRequestedFor(urlPathEqualTo(search)));
        assertThat(reads.get(0).queryParameter("includedData").values()).containsExactly("fulfillmentAvailability,issues");
        assertThat(reads.get(0).queryParameter("identifiersType").values()).containsExactly("SKU");
        assertThat(reads.get(0).queryParameter("identifiers").values()).containsExactly(sku);

        // Amazon applied it
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(okJson(found(item(sku, 7, "")))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(row(sku)).containsEntry("state", "SYNCED")
                .containsEntry("pushedQuantity", 7).containsEntry("pushedVersion", 1).containsEntry("lastError", null));
        assertThat(amazon.findAll(patchRequestedFor(urlPathEqualTo(items + sku))))
                .as("a queued update is confirmed by reading, not sent again").hasSize(1);
        assertThat(status().get("pending")).isEqualTo(0);
    }

    @Test
    void anAcceptedPatchThatAmazonReportsAnErrorAgainstIsRejectedWithTheIssueClass() {
        String sku = newSku();
        amazon.stubFor(patch(urlPathEqualTo(items + sku)).willReturn(okJson(accepted(sku))));
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(okJson(found(item(sku, 2, """
                {"code":"18027","message":"The quantity for fulfillment channel DEFAULT exceeds what the seller may offer.",
                 "severity":"ERROR","attributeNames":["fulfillment_availability"],"categories":["INVALID_ATTRIBUTE"]},
                {"code":"99022","message":"Image is missing.","severity":"ERROR","attributeNames":["main_product_image_locator"],
                 "categories":["MISSING_IMAGE"]}""")))));

        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, 1, 9);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(row(sku)).containsEntry("state", "REJECTED")
                .containsEntry("rejected", true).containsEntry("pushedQuantity", null)
                .containsEntry("lastError", "rejected after acceptance: 18027 INVALID_ATTRIBUTE"));
        assertThat(status().get("rejected")).isEqualTo(1);
        assertThat(amazon.findAll(patchRequestedFor(urlPathEqualTo(items + sku)))).hasSize(1);
    }

    private static String accepted(String sku) {
        return "{\"sku\":\"" + sku + "\",\"status\":\"ACCEPTED\",\"submissionId\":\"f1dc2914\",\"issues\":[]}";
    }

    private static String item(String sku, long quantity, String issues) {
        return """
                {"sku":"%s","fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":%d}],"issues":[%s]}"""
                .formatted(sku, quantity, issues);
    }

    /** searchListingsItems' answer (ItemSearchResults) holding one item. */
    private static String found(String item) {
        return "{\"numberOfResults\":1,\"items\":[" + item + "]}";
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> row(String sku) {
        List<Map<String, Object>> rows = given().header("Authorization", Tokens.bearer("viewer")).queryParam("sku", sku)
                .get("/api/v1/channels/{id}/sync", channel).then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private Map<String, Object> status() {
        return given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/channels/{id}/status", channel)
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }
}
