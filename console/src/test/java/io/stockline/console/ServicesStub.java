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
 * inventory-service, channel-connector-service, alert-service and allocation-service played by one WireMock,
 * answering as their OpenAPI documents say (deploy/openapi): one item MUG-1 at WH-1, one Shopify channel, one open
 * alert, a draft and a shipped transfer, a split and a backordered order.
 */
public class ServicesStub extends WireMockTestResource {

    static final String SKU = "MUG-1";
    static final String ALERT = "7b0e2c44-3f0a-4d59-9a43-0c8a3c1f6a11";
    static final String DRAFT_TRANSFER = "TR-000003";
    static final String SHIPPED_TRANSFER = "TR-000002";
    static final String SPLIT_ORDER = "order-a";
    static final String BACKORDERED_ORDER = "order-b";

    static final String AMAZON_STATUS = """
            {"channelId":"amazon","channelType":"AMAZON","state":"LAGGING","pending":14,"lagSeconds":95,
             "rejected":0,"consecutiveFailures":0,"failuresLastHour":3,"lastError":"THROTTLED 429",
             "lastSuccessAt":"2026-12-01T09:58:25Z"}""";
    static final String EBAY_STATUS = """
            {"channelId":"ebay","channelType":"EBAY","state":"OK","pending":0,"lagSeconds":0,"rejected":1,
             "consecutiveFailures":0,"failuresLastHour":0,"lastError":"REJECTED MISSING",
             "lastSuccessAt":"2026-12-01T10:00:02Z"}""";
    static final String SHOPIFY_STATUS = """
            {"channelId":"shopify","channelType":"SHOPIFY","state":"OK","pending":0,"lagSeconds":0,"rejected":0,
             "consecutiveFailures":0,"failuresLastHour":0,"lastSuccessAt":"2026-12-01T10:00:00Z"}""";

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
                [{"code":"WH-1","name":"Leeds warehouse","type":"WAREHOUSE","priority":1,"fulfilsOrders":true},
                 {"code":"STORE-1","name":"York shop","type":"STORE","priority":2,"fulfilsOrders":true}]""")));
        server.stubFor(post(urlPathEqualTo("/api/v1/movements")).willReturn(json(201, """
                {"id":2,"type":"RECEIPT","sku":"MUG-1","location":"WH-1","quantity":5,"actor":"test-operator",
                 "createdAt":"2026-12-01T10:00:00Z","resultingVersion":4}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels")).willReturn(json(200, """
                [{"id":"shopify","type":"SHOPIFY","enabled":true,"locations":["WH-1"]},
                 {"id":"amazon","type":"AMAZON","enabled":true,"locations":["WH-1"]},
                 {"id":"ebay","type":"EBAY","enabled":true,"locations":["WH-1"]}]""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channel-status")).willReturn(json(200, """
                [%s,%s,%s]""".formatted(AMAZON_STATUS, EBAY_STATUS, SHOPIFY_STATUS))));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay/status")).willReturn(json(200, EBAY_STATUS)));
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
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay")).willReturn(json(200, """
                {"id":"ebay","type":"EBAY","enabled":true,"locations":["WH-1"]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay/sync")).willReturn(json(200, """
                [{"sku":"MUG-1","wantedQuantity":9,"wantedVersion":4,"pushedQuantity":9,"pushedVersion":4,
                  "pushedAt":"2026-12-01T10:00:02Z","attempts":1,"rejected":false,"listingId":"110551","state":"SYNCED"},
                 {"sku":"PLATE-1","wantedQuantity":3,"wantedVersion":2,"pushedQuantity":1,"pushedVersion":1,
                  "pushedAt":"2026-12-01T09:00:00Z","attempts":1,"rejected":true,"lastError":"REJECTED MISSING",
                  "state":"REJECTED"}]""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay/listings")).willReturn(json(200, """
                [{"sku":"MUG-1","listingId":"110551","source":"IMPORTED"}]""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay/calls")).willReturn(json(200, """
                {"channelId":"ebay","minutes":[{"minute":"2026-12-01T09:58:00Z","calls":4,"throttled":0,"failed":0},
                 {"minute":"2026-12-01T09:59:00Z","calls":7,"throttled":2,"failed":1},
                 {"minute":"2026-12-01T10:00:00Z","calls":0,"throttled":0,"failed":0}]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/transfers")).willReturn(json(200, """
                [{"number":"%s","from":"WH-1","to":"STORE-1","status":"DRAFT","createdBy":"test-operator",
                  "createdAt":"2026-12-01T10:10:00Z","lines":[{"line":1,"sku":"MUG-1","quantity":4,"inTransit":0,
                  "received":0,"lost":0}]},
                 {"number":"%s","from":"WH-1","to":"STORE-1","status":"SHIPPED","createdBy":"test-operator",
                  "createdAt":"2026-12-01T09:10:00Z","shippedAt":"2026-12-01T09:20:00Z","lines":[{"line":1,
                  "sku":"MUG-1","quantity":3,"inTransit":3,"received":0,"lost":0}]},
                 {"number":"TR-000001","from":"WH-1","to":"STORE-1","status":"RECEIVED",
                  "createdAt":"2026-11-30T09:10:00Z","lines":[{"line":1,"sku":"MUG-1","quantity":1,"inTransit":0,
                  "received":1,"lost":0}]}]""".formatted(DRAFT_TRANSFER, SHIPPED_TRANSFER))));
        server.stubFor(post(urlPathEqualTo("/api/v1/transfers")).willReturn(json(201, """
                {"number":"%s","from":"WH-1","to":"STORE-1","status":"DRAFT","lines":[{"line":1,"sku":"MUG-1",
                 "quantity":4,"inTransit":0,"received":0,"lost":0}]}""".formatted(DRAFT_TRANSFER))));
        server.stubFor(post(urlPathMatching("/api/v1/transfers/[^/]+/ship")).willReturn(json(200, """
                {"number":"%s","from":"WH-1","to":"STORE-1","status":"SHIPPED"}""".formatted(DRAFT_TRANSFER))));
        server.stubFor(post(urlPathMatching("/api/v1/transfers/[^/]+/receipts")).willReturn(json(201, """
                {"receipt":{"number":"%s","lines":[{"sku":"MUG-1","quantity":3}]},
                 "transfer":{"number":"%s","status":"RECEIVED"},"replayed":false}"""
                .formatted(SHIPPED_TRANSFER, SHIPPED_TRANSFER))));
        server.stubFor(get(urlPathEqualTo("/api/v1/allocations")).willReturn(json(200, """
                {"allocations":[
                  {"orderId":"%s","channel":"webshop","status":"ALLOCATED","attempts":1,
                   "shipments":[{"location":"WH-1","reservationId":"5c1f2f7e-8d3e-4a53-9a1e-0e3f1c2b7a10",
                     "status":"HELD","lines":[{"line":1,"sku":"MUG-1","quantity":2}]},
                    {"location":"STORE-1","reservationId":"6d2f3f7e-8d3e-4a53-9a1e-0e3f1c2b7a11","status":"HELD",
                     "lines":[{"line":2,"sku":"PLATE-1","quantity":1}]}],
                   "backordered":[],"updatedAt":"2026-12-01T10:20:00Z"},
                  {"orderId":"%s","channel":"amazon","status":"BACKORDERED","attempts":2,"shipments":[],
                   "backordered":[{"line":1,"sku":"MUG-1","quantity":5}],"updatedAt":"2026-12-01T10:15:00Z"}],
                 "next":"MjAyNi0xMi0wMVQxMDoxNTowMFogb3JkZXItYg"}""".formatted(SPLIT_ORDER, BACKORDERED_ORDER))));
        server.stubFor(get(urlPathEqualTo("/api/v1/allocations/" + BACKORDERED_ORDER)).willReturn(json(200, """
                {"orderId":"%s","channel":"amazon","status":"BACKORDERED","attempts":2,"shipments":[],
                 "backordered":[{"line":1,"sku":"MUG-1","quantity":5}],"updatedAt":"2026-12-01T10:15:00Z"}"""
                .formatted(BACKORDERED_ORDER))));
        server.stubFor(get(urlPathEqualTo("/api/v1/allocations/no-such-order")).willReturn(json(404, """
                {"type":"about:blank","title":"Not Found","status":404,"detail":"no allocation for order no-such-order",
                 "violations":[{"field":"orderId","in":"path","message":"no allocation for order no-such-order"}]}""")));
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.inventory.url", baseUrl, "quarkus.rest-client.channels.url", baseUrl,
                "quarkus.rest-client.alerts.url", baseUrl, "quarkus.rest-client.allocations.url", baseUrl);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json").withBody(body);
    }
}
