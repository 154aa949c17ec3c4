package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.stockline.testsupport.WireMockTestResource;

/**
 * inventory-service, channel-connector-service and alert-service played by one WireMock, answering as their
 * OpenAPI documents say (deploy/openapi): one item MUG-1 at WH-1, one Shopify channel, one open alert.
 */
public class ServicesStub extends WireMockTestResource {

    static final String SKU = "MUG-1";
    static final String ALERT = "7b0e2c44-3f0a-4d59-9a43-0c8a3c1f6a11";

    @Override
    protected void stubDefaults(WireMockServer server) {
        server.stubFor(get(urlPathEqualTo("/api/v1/items")).willReturn(json(200, """
                [{"sku":"MUG-1","name":"Blue mug","kind":"STANDARD","status":"ACTIVE","lotTracked":false,
                  "barcodes":["4006381333931"]}]""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/items/" + SKU)).willReturn(json(200, """
                {"sku":"MUG-1","name":"Blue mug","kind":"STANDARD","status":"ACTIVE","lotTracked":false,
                 "barcodes":["4006381333931"],"components":[]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/stock/" + SKU)).willReturn(json(200, """
                {"sku":"MUG-1","totals":{"onHand":12,"available":10,"committed":2,"reserved":0,"damaged":0,
                 "qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0},
                 "locations":[{"location":"WH-1","onHand":12,"available":10,"committed":2,"reserved":0,"damaged":0,
                 "qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0,"version":3}]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/ledger")).willReturn(json(200, """
                [{"id":1,"type":"RECEIPT","sku":"MUG-1","location":"WH-1","quantity":12,"reason":"opening stock",
                  "actor":"local-admin","createdAt":"2026-12-01T09:00:00Z","resultingVersion":1}]""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/locations")).willReturn(json(200, """
                [{"code":"WH-1","name":"Leeds warehouse","type":"WAREHOUSE","priority":1,"fulfilsOrders":true}]""")));
        server.stubFor(post(urlPathEqualTo("/api/v1/movements")).willReturn(json(201, """
                {"id":2,"type":"RECEIPT","sku":"MUG-1","location":"WH-1","quantity":5,"actor":"test-operator",
                 "createdAt":"2026-12-01T10:00:00Z","resultingVersion":4}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels")).willReturn(json(200, """
                [{"id":"shopify","type":"SHOPIFY","enabled":true,"locations":["WH-1"]},
                 {"id":"amazon","type":"AMAZON","enabled":true,"locations":["WH-1"]},
                 {"id":"ebay","type":"EBAY","enabled":true,"locations":["WH-1"]}]""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/amazon/status")).willReturn(json(200, """
                {"channelId":"amazon","channelType":"AMAZON","state":"LAGGING","pending":14,"lagSeconds":95,
                 "rejected":0,"consecutiveFailures":0,"failuresLastHour":3,"lastError":"THROTTLED 429",
                 "lastSuccessAt":"2026-12-01T09:58:25Z"}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay/status")).willReturn(json(200, """
                {"channelId":"ebay","channelType":"EBAY","state":"OK","pending":0,"lagSeconds":0,"rejected":1,
                 "consecutiveFailures":0,"failuresLastHour":0,"lastError":"REJECTED MISSING",
                 "lastSuccessAt":"2026-12-01T10:00:02Z"}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/shopify/status")).willReturn(json(200, """
                {"channelId":"shopify","channelType":"SHOPIFY","state":"OK","pending":0,"lagSeconds":0,"rejected":0,
                 "consecutiveFailures":0,"failuresLastHour":0,"lastSuccessAt":"2026-12-01T10:00:00Z"}""")));
        server.stubFor(post(urlPathEqualTo("/api/v1/channels/shopify/reconcile")).willReturn(json(202, """
                {"channelId":"shopify"}""")));
        server.stubFor(post(urlPathMatching("/api/v1/imports/[a-z-]+")).willReturn(json(200, """
                {"kind":"stock","dryRun":true,"rows":2,"applied":1,"unchanged":0,"rejected":1,
                 "problems":[{"row":3,"column":"sku","message":"no item NOPE"}]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/alerts")).willReturn(json(200, """
                [{"id":"%s","kind":"LOW_STOCK","status":"OPEN","sku":"MUG-1","location":"WH-1","observed":2,
                  "threshold":5,"openedAt":"2026-12-01T10:00:00Z"}]""".formatted(ALERT))));
        server.stubFor(post(urlPathMatching("/api/v1/alerts/[^/]+/acknowledge")).willReturn(json(200, """
                {"id":"%s","kind":"LOW_STOCK","status":"OPEN","sku":"MUG-1","acknowledgedAt":"2026-12-01T10:05:00Z",
                 "acknowledgedBy":"test-operator"}""".formatted(ALERT))));
        PlanningStubs.stub(server);
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.inventory.url", baseUrl, "quarkus.rest-client.channels.url", baseUrl,
                "quarkus.rest-client.alerts.url", baseUrl);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json").withBody(body);
    }
}
