package io.stockline.alert;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.stockline.testsupport.WireMockTestResource;

/** Webhook and chat endpoints played by WireMock; each test stubs its own path and names it in a subscription. */
public class PeerStubs extends WireMockTestResource {

    @Override
    protected void stubDefaults(WireMockServer server) {
        // nothing by default: an unstubbed path answers 404, which counts as a failed delivery
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of();
    }
}
