package io.stockline.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.stockline.testsupport.WireMockTestResource;

/**
 * Webhook channels played by WireMock: every channel a test creates posts to {@code /hooks/<channel id>}, answered
 * 204 unless the test stubs something else. Sets the credentials of the {@code test-hook} secret reference and
 * seeds one channel from configuration.
 */
public class WebhookStub extends WireMockTestResource {

    public static final String SECRET_REF = "test-hook";
    public static final String SECRET = "s3cr3t-webhook-value-91f2";
    /** A Shopify access token the marketplace doubles on this stub accept (any non-blank value). */
    public static final String SHOP_REF = "test-shop";
    public static final String SEEDED_CHANNEL = "seeded-hook";
    public static final String SEEDED_LOCATION = "SEEDED-WH";

    @Override
    protected void stubDefaults(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        String seed = "stockline.channels.seed." + SEEDED_CHANNEL + ".";
        return Map.of("stockline.test.webhook-base", baseUrl + "/hooks/",
                "stockline.credentials." + SECRET_REF + ".secret", SECRET,
                "stockline.credentials." + SHOP_REF + ".accessToken", "shpat_test_token",
                seed + "type", "WEBHOOK",
                seed + "endpoint", baseUrl + "/hooks/" + SEEDED_CHANNEL,
                seed + "credentials", SECRET_REF,
                seed + "locations", SEEDED_LOCATION,
                seed + "buffer", "1",
                seed + "options.timeoutMillis", "3000");
    }
}
