package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * "When will it restock?": in stock (and where), a purchase order's expected date, a transfer's date from the transit
 * time measured on its route, the reorder policy's next order when nothing is open, a supplier's lead time when there
 * is no policy either, no supplier at all, and bad input.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class AvailabilityTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static ValidatableResponse availability(String sku, String location, Long quantity) {
        var request = given();
        if (location != null) {
            request.queryParam("location", location);
        }
        if (quantity != null) {
            request.queryParam("quantity", quantity);
        }
        return request.get("/api/v1/availability/" + sku).then();
    }

    @Test
    void inStockAnswersHowManyAndWhere() {
        String sku = Api.item();
        String big = Api.location();
        String small = Api.location();
        Api.moved("RECEIPT", sku, big, 5);
        Api.moved("RECEIPT", sku, small, 3);

        availability(sku, null, 6L).statusCode(200)
                .body("inStock", equalTo(true)).body("confidence", equalTo("HIGH"))
                .body("available", equalTo(8)).body("expectedOn", equalTo(TODAY.toString()))
                .body("locations", hasSize(2))
                .body("locations[0].location", equalTo(big)).body("locations[0].available", equalTo(5))
                .body("locations[1].location", equalTo(small)).body("locations[1].available", equalTo(3))
                .body("supply", empty());

        // Only the small location: 3 of the 6 there, nothing on the way, no supplier.
        availability(sku, small, 6L).statusCode(200)
                .body("inStock", equalTo(false)).body("available", equalTo(3))
                .body("locations", hasSize(1)).body("locations[0].location", equalTo(small))
                .body("confidence", equalTo("UNKNOWN")).body("expectedOn", nullValue());

        // The quantity defaults to 1.
        availability(sku, small, null).statusCode(200).body("quantity", equalTo(1)).body("inStock", equalTo(true));
    }

    @Test
    void anOpenPurchaseOrderAnswersItsExpectedDate() {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 2);
        String supplier = Purchasing.supplier(false);
        LocalDate later = TODAY.plusDays(12);
        LocalDate sooner = TODAY.plusDays(5);
        String late = given().contentType(ContentType.JSON).body(Map.of("supplier", supplier, "location", location,
                "expectedOn", later.toString(), "lines", List.of(Purchasing.orderLine(sku, 10, "2.00"))))
                .post("/api/v1/purchase-orders").then().statusCode(201).extract().path("number");
        String soon = given().contentType(ContentType.JSON).body(Map.of("supplier", supplier, "location", location,
                "expectedOn", sooner.toString(), "lines", List.of(Purchasing.orderLine(sku, 4, "2.00"))))
                .post("/api/v1/purchase-orders").then().statusCode(201).extract().path("number");
        Purchasing.send(late);
        Purchasing.send(soon);

        // 2 now + 4 due on day 5 cover 5: the sooner order alone.
        availability(sku, null, 5L).statusCode(200)
                .body("inStock", equalTo(false)).body("available", equalTo(2))
                .body("expectedOn", equalTo(sooner.toString())).body("expectedQuantity", equalTo(6))
                .body("confidence", equalTo("MEDIUM"))
                .body("supply", hasSize(1)).body("supply[0].source", equalTo("PURCHASE_ORDER"))
                .body("supply[0].reference", equalTo(soon)).body("supply[0].basis", equalTo("EXPECTED_DATE"));

        // 12 needs both, earliest first, cumulated: 2 + 4 = 6 on day 5, + 10 = 16 on day 12.
        availability(sku, null, 12L).statusCode(200)
                .body("expectedOn", equalTo(later.toString())).body("expectedQuantity", equalTo(16))
                .body("confidence", equalTo("MEDIUM"))
                .body("supply", hasSize(2))
                .body("supply[0].cumulative", equalTo(6)).body("supply[1].reference", equalTo(late))
                .body("supply[1].cumulative", equalTo(16));
    }

    @Test
    void anOrderWithoutADateIsDueAfterTheSuppliersLeadTimeFromItsSending() {
        String sku = Api.item();
        String location = Api.location();
        String supplier = Purchasing.supplier(false);
        String number = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 3, "1.00")));
        Purchasing.send(number);

        // Sent today, nominal lead time 7 days, nothing measured yet: an estimate.
        availability(sku, location, 2L).statusCode(200)
                .body("expectedOn", equalTo(TODAY.plusDays(7).toString()))
                .body("supply[0].basis", equalTo("SUPPLIER_LEAD_TIME")).body("confidence", equalTo("LOW"));
    }

    @Test
    void aTransferInTransitIsDueAfterTheTimeMeasuredOnItsRoute() {
        String sku = Api.item();
        String from = Api.location();
        String to = Api.location();
        Api.moved("RECEIPT", sku, from, 10);
        // A first transfer on the route, received at once: it measures the route (well under a day, so one day).
        String first = transfer(from, to, sku, 2);
        given().post("/api/v1/transfers/" + first + "/ship").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 2))))
                .post("/api/v1/transfers/" + first + "/receipts").then().statusCode(201);
        String second = transfer(from, to, sku, 5);
        given().post("/api/v1/transfers/" + second + "/ship").then().statusCode(200);

        availability(sku, to, 4L).statusCode(200)
                .body("inStock", equalTo(false)).body("available", equalTo(2))
                .body("supply", hasSize(1)).body("supply[0].source", equalTo("TRANSFER"))
                .body("supply[0].reference", equalTo(second)).body("supply[0].quantity", equalTo(5))
                .body("supply[0].basis", equalTo("MEASURED_TRANSIT_TIME"))
                .body("expectedOn", equalTo(TODAY.plusDays(1).toString())).body("expectedQuantity", equalTo(7))
                .body("confidence", equalTo("MEDIUM"));
    }

    @Test
    void withNothingOpenTheSuppliersLeadTimeGivesALowConfidenceDate() {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 1);
        String supplier = Purchasing.supplier(false);
        given().contentType(ContentType.JSON).body(Map.of("unitCost", "4.00"))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200);

        availability(sku, null, 3L).statusCode(200)
                .body("inStock", equalTo(false)).body("available", equalTo(1))
                .body("expectedOn", equalTo(TODAY.plusDays(7).toString())).body("expectedQuantity", equalTo(3))
                .body("confidence", equalTo("LOW"))
                .body("supply", hasSize(1)).body("supply[0].source", equalTo("SUPPLIER"))
                .body("supply[0].reference", equalTo(supplier)).body("supply[0].quantity", equalTo(2))
                .body("supply[0].basis", equalTo("SUPPLIER_LEAD_TIME"));
    }

    /**
     * A policy as planning's refresh stores it (the refresh would need a year of history to arrive at chosen numbers):
     * 10 available, the quickest supplier 7 days nominal, 15 wanted, nothing open.
     * <pre>
     * point 4, 2.0 a day, lead 5.2 days measured: (10 - 4) / 2.0 = 3 days to the point, + 6 days -> today + 9, MEDIUM
     * point 12, lead 5.2 days nominal:             10 is under 12, it orders today,      + 6 days -> today + 6, LOW
     * </pre>
     */
    @Test
    void withNothingOpenTheReorderPolicysNextOrderGivesTheDate() throws Exception {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 10);
        String quick = Purchasing.supplier(false);
        String policySupplier = Purchasing.supplier(false);
        for (String supplier : List.of(quick, policySupplier)) {
            given().contentType(ContentType.JSON).body(Map.of("unitCost", "4.00"))
                    .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200);
        }
        policy(sku, location, policySupplier, 4, 2.0, 5.2, true);

        for (String scope : new String[] { null, location }) {
            availability(sku, scope, 15L).statusCode(200)
                    .body("inStock", equalTo(false)).body("available", equalTo(10))
                    .body("expectedOn", equalTo(TODAY.plusDays(9).toString())).body("expectedQuantity", equalTo(15))
                    .body("confidence", equalTo("MEDIUM"))
                    .body("supply", hasSize(1)).body("supply[0].source", equalTo("REORDER_POLICY"))
                    .body("supply[0].reference", equalTo(policySupplier)).body("supply[0].location", equalTo(location))
                    .body("supply[0].quantity", equalTo(5)).body("supply[0].basis", equalTo("MEASURED_LEAD_TIME"))
                    .body("supply[0].expectedOn", equalTo(TODAY.plusDays(9).toString()));
        }

        policy(sku, location, policySupplier, 12, 2.0, 5.2, false);
        availability(sku, location, 15L).statusCode(200)
                .body("expectedOn", equalTo(TODAY.plusDays(6).toString())).body("confidence", equalTo("LOW"))
                .body("supply[0].source", equalTo("REORDER_POLICY")).body("supply[0].basis", equalTo("SUPPLIER_LEAD_TIME"));

        // A policy at another location does not answer for this one: the quickest supplier does (7 days).
        String elsewhere = Api.location();
        availability(sku, elsewhere, 1L).statusCode(200)
                .body("expectedOn", equalTo(TODAY.plusDays(7).toString())).body("confidence", equalTo("LOW"))
                .body("supply[0].source", equalTo("SUPPLIER"));
    }

    /** Writes (or replaces) the policy of the SKU at the location with the numbers the answer reads. */
    private void policy(String sku, String location, String supplier, long reorderPoint, double dailyForecast,
            double leadTimeDays, boolean measured) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO planning_policy (sku, location, supplier, method, forecast_method, daily_forecast,
                            daily_std_dev, service_level, abc_class, lead_time_days, lead_time_std_dev_days,
                            lead_time_measured, safety_stock, reorder_point, order_quantity, history_days, demand_units,
                            stockout_days, promotion_days, promotion_units, returned_units, transferred_units,
                            computed_at)
                        VALUES (?, ?, ?, 'STOCKLINE', 'MOVING_AVERAGE', ?, 1.0, 0.9, 'C', ?, 0.5, ?, 2, ?, 20, 365,
                            730, 0, 0, 0, 0, 0, now())
                        ON CONFLICT (sku, location) DO UPDATE SET reorder_point = EXCLUDED.reorder_point,
                            daily_forecast = EXCLUDED.daily_forecast, lead_time_days = EXCLUDED.lead_time_days,
                            lead_time_measured = EXCLUDED.lead_time_measured""")) {
            insert.setString(1, sku);
            insert.setString(2, location);
            insert.setString(3, supplier);
            insert.setDouble(4, dailyForecast);
            insert.setDouble(5, leadTimeDays);
            insert.setBoolean(6, measured);
            insert.setLong(7, reorderPoint);
            insert.executeUpdate();
        }
    }

    @Test
    void anUnknownSkuIsA404AndAnUnknownLocationToo() {
        Api.assertProblem(given().get("/api/v1/availability/" + Api.unique("NOPE")), 404, "sku");
        Api.assertProblem(given().queryParam("location", Api.unique("NOWHERE"))
                .get("/api/v1/availability/" + Api.item()), 404, "location");
    }

    @Test
    void aQuantityBelowOneOrNotANumberIsA400NamingIt() {
        String sku = Api.item();
        Api.assertProblem(given().queryParam("quantity", 0).get("/api/v1/availability/" + sku), 400, "quantity");
        Api.assertProblem(given().queryParam("quantity", -3).get("/api/v1/availability/" + sku), 400, "quantity");
        Api.assertProblem(given().queryParam("quantity", "many").get("/api/v1/availability/" + sku), 400, "quantity");
    }

    private static String transfer(String from, String to, String sku, long quantity) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "lines", List.of(Map.of("sku", sku, "quantity", quantity))))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("number");
    }
}
