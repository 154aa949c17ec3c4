package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * inventory-service's reservation API, played by WireMock on a free port. Tests stub the answer for their
 * own order (by its Idempotency-Key); any other reservation is refused with 409, so that an order a test
 * did not expect ends in a failed allocation rather than in retries that would hold up the orders consumer.
 */
public class InventoryMock implements QuarkusTestResourceLifecycleManager {

    public static final String RESERVATIONS_PATH = "/api/v1/reservations";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo(RESERVATIONS_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"title\":\"Conflict\",\"detail\":\"no stub for this order\"}")));
        return Map.of("quarkus.rest-client.inventory.url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
