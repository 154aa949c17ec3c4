package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.stockline.testsupport.WireMockTestResource;

/**
 * inventory-service's reservation and stock API, played by WireMock on a free port. Tests stub the answer for
 * their own order (by its Idempotency-Key); any other reservation is refused with 409, and inventory's fresh
 * figures default to "nothing anywhere", so that an order a test did not expect ends backordered rather than in
 * retries that would hold up the orders consumer. Release and commit succeed unless a test says otherwise.
 */
public class InventoryMock extends WireMockTestResource {

    public static final String RESERVATIONS_PATH = "/api/v1/reservations";

    @Override
    protected void stubDefaults(WireMockServer server) {
        server.stubFor(post(urlEqualTo(RESERVATIONS_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"title\":\"Conflict\",\"detail\":\"no stub for this order\"}")));
        server.stubFor(get(urlPathMatching("/api/v1/stock/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"sku\":\"any\",\"locations\":[]}")));
        server.stubFor(post(urlPathMatching(RESERVATIONS_PATH + "/.*/release")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"RELEASED\",\"lines\":[]}")));
        server.stubFor(post(urlPathMatching(RESERVATIONS_PATH + "/.*/commit")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"COMMITTED\",\"lines\":[]}")));
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.inventory.url", baseUrl);
    }
}
