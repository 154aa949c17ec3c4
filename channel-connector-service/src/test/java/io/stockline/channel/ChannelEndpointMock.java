package io.stockline.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.stockline.testsupport.WireMockTestResource;

/**
 * The channel's stock webhook, played by WireMock on a free port: it accepts every push with 204 unless a
 * test stubs something else for its SKU.
 */
public class ChannelEndpointMock extends WireMockTestResource {

    public static final String PUSH_PATH = "/webhook/stock";

    @Override
    protected void stubDefaults(WireMockServer server) {
        server.stubFor(post(urlEqualTo(PUSH_PATH)).willReturn(aResponse().withStatus(204)));
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.channel.url", baseUrl + "/webhook");
    }
}
