package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.stockline.testsupport.WireMockTestResource;

/**
 * inventory-service's reservation API, played by WireMock on a free port. Tests stub the answer for their
 * own order (by its Idempotency-Key); any other reservation is refused with 409, so that an order a test
 * did not expect ends in a failed allocation rather than in retries that would hold up the orders consumer.
 */
public class InventoryMock extends WireMockTestResource {

    public static final String RESERVATIONS_PATH = "/api/v1/reservations";

    @Override
    protected void stubDefaults(WireMockServer server) {
        server.stubFor(post(urlEqualTo(RESERVATIONS_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"title\":\"Conflict\",\"detail\":\"no stub for this order\"}")));
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.inventory.url", baseUrl);
    }
}
