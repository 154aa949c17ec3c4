package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.stockline.console.ServicesStub.json;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The purchasing, planning, reports and subscription parts of the services' stub (ServicesStub), answering as
 * deploy/openapi says: purchase order PO-1001 sent to ACME for WH-1 (MUG-1 7 of 12 outstanding, CUP-2 4), ACME's
 * suggestion to reorder MUG-1, the KPIs and valuation, one e-mail subscription.
 */
final class PlanningStubs {

    static final String PO = "PO-1001";
    static final String SUBSCRIPTION = "3f1c7a52-8d2e-4b6a-9c11-2a7e5d9b0c44";

    static final String ORDER = """
            {"number":"PO-1001","supplier":"ACME","location":"WH-1","status":"SENT","currency":"EUR",
             "expectedOn":"2026-12-10","createdBy":"test-operator","createdAt":"2026-12-01T08:00:00Z",
             "sentAt":"2026-12-01T08:05:00Z",
             "lines":[{"line":1,"sku":"MUG-1","quantity":12,"received":5,"damaged":0,"outstanding":7,"unitCost":3.85},
                      {"line":2,"sku":"CUP-2","quantity":4,"received":0,"damaged":0,"outstanding":4,"unitCost":1.20}]}""";

    private PlanningStubs() {
    }

    static void stub(WireMockServer server) {
        server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(json(200, "[" + ORDER + "]")));
        server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders/" + PO)).willReturn(json(200, ORDER)));
        server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders/" + PO + "/receipts")).willReturn(json(200, """
                [{"id":1,"number":"PO-1001","actor":"test-operator","receivedAt":"2026-12-02T09:00:00Z",
                  "lines":[{"sku":"MUG-1","quantity":5,"damaged":0}]}]""")));
        server.stubFor(post(urlPathEqualTo("/api/v1/purchase-orders/" + PO + "/receipts")).willReturn(json(201,
                "{\"order\":" + ORDER + ",\"receipt\":{\"id\":2,\"number\":\"PO-1001\",\"lines\":[]},\"replayed\":false}")));
        server.stubFor(post(urlPathMatching("/api/v1/purchase-orders/" + PO + "/(send|close|cancel)"))
                .willReturn(json(200, ORDER)));
        server.stubFor(get(urlPathEqualTo("/api/v1/planning/suggestions")).willReturn(json(200, """
                {"suppliers":[{"supplier":"ACME","lines":[{"sku":"MUG-1","location":"WH-1","onHand":2,"incoming":0,
                  "committed":0,"reserved":0,"drafted":0,"inventoryPosition":2,"reorderPoint":5,"suggestedQuantity":24,
                  "unitCost":3.85,"reason":{"text":"position 2 is at or under the reorder point 5","method":"ROP",
                  "dailyForecast":0.8,"leadTimeDays":6.0}}]}]}""")));
        server.stubFor(post(urlPathEqualTo("/api/v1/planning/suggestions/ACME/purchase-orders")).willReturn(json(201,
                "{\"supplier\":\"ACME\",\"purchaseOrders\":[" + ORDER.replace("PO-1001", "PO-1002")
                        .replace("\"SENT\"", "\"DRAFT\"") + "]}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/availability/" + ServicesStub.SKU)).willReturn(json(200, """
                {"sku":"MUG-1","quantity":1,"inStock":false,"available":0,"expectedOn":"2026-12-10","expectedQuantity":7,
                 "confidence":"MEDIUM","supply":[{"source":"PURCHASE_ORDER","reference":"PO-1001","location":"WH-1",
                 "quantity":7,"cumulative":7,"expectedOn":"2026-12-10","basis":"EXPECTED_DATE","late":false}]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/planning/policies/" + ServicesStub.SKU)).willReturn(json(200, """
                {"sku":"MUG-1","policies":[{"location":"WH-1","supplier":"ACME","method":"ROP","forecastMethod":"SES",
                 "dailyForecast":0.8333,"leadTimeDays":6.0,"leadTimeMeasured":true,"safetyStock":1.4,"reorderPoint":5,
                 "orderQuantity":24,"serviceLevel":0.95,"computedAt":"2026-12-01T02:00:00Z"}]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/reports/kpis")).willReturn(json(200, """
                {"from":"2026-11-02","to":"2026-12-01","days":30,"accuracyPercent":98.5,"accuracyCounted":40,
                 "stockoutRatePercent":1.25,"unitsSold":310,"unitsReceived":420,"onHand":1234,"averageOnHand":1180.5,
                 "costOfGoodsSold":1193.5,"turnover":0.27,"daysOfInventoryOnHand":114.2,"sellThroughPercent":18.6,
                 "movingAverageValue":4751.9,"fifoValue":4802.1,"deadStockSkus":3,"deadStockValue":120,"deadStockDays":90,
                 "aged0to30Value":2000,"aged31to90Value":1800,"aged91to180Value":900.1,"agedOver180Value":102}""")));
        server.stubFor(get(urlPathEqualTo("/api/v1/reports/valuation")).willReturn(json(200, """
                [{"sku":"CUP-2","quantity":40,"movingAverageUnitCost":1.2,"movingAverageValue":48,"fifoValue":48},
                 {"sku":"MUG-1","quantity":12,"movingAverageUnitCost":3.85,"movingAverageValue":46.2,"fifoValue":46.2}]""")));
        String subscription = """
                {"id":"%s","name":"ops mail","channel":"EMAIL","target":"ops@example.com","secretSet":false,
                 "kinds":["LOW_STOCK"],"digest":true,"digestTime":"08:00:00","enabled":true,
                 "createdAt":"2026-12-01T08:00:00Z"}""".formatted(SUBSCRIPTION);
        server.stubFor(get(urlPathEqualTo("/api/v1/subscriptions")).willReturn(json(200, "[" + subscription + "]")));
        server.stubFor(post(urlPathEqualTo("/api/v1/subscriptions")).willReturn(json(201, subscription)));
        server.stubFor(put(urlPathEqualTo("/api/v1/subscriptions/" + SUBSCRIPTION)).willReturn(json(200, subscription)));
        server.stubFor(delete(urlPathEqualTo("/api/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
    }
}
