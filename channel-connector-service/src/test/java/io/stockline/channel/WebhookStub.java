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
    /** eBay OAuth client credentials and refresh token the marketplace doubles on this stub accept. */
    public static final String EBAY_REF = "test-ebay";
    public static final String SEEDED_CHANNEL = "seeded-hook";
    public static final String SEEDED_LOCATION = "SEEDED-WH";

    @Override
    protected void stubDefaults(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        String seed = "stockline.channels.seed." + SEEDED_CHANNEL + ".";
        return Map.ofEntries(Map.entry("stockline.test.webhook-base", baseUrl + "/hooks/"),
                Map.entry("stockline.credentials." + SECRET_REF + ".secret", SECRET),
                Map.entry("stockline.credentials." + SHOP_REF + ".accessToken", "shpat_test_token"),
                Map.entry("stockline.credentials." + EBAY_REF + ".clientId", "Stockline-app-PRD"),
                Map.entry("stockline.credentials." + EBAY_REF + ".clientSecret", "PRD-secret"),
                Map.entry("stockline.credentials." + EBAY_REF + ".refreshToken", "v^1.1#refresh"),
                Map.entry(seed + "type", "WEBHOOK"),
                Map.entry(seed + "endpoint", baseUrl + "/hooks/" + SEEDED_CHANNEL),
                Map.entry(seed + "credentials", SECRET_REF),
                Map.entry(seed + "locations", SEEDED_LOCATION),
                Map.entry(seed + "buffer", "1"),
                Map.entry(seed + "options.timeoutMillis", "3000"));
    }
}
