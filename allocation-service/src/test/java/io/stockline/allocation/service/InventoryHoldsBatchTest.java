package io.stockline.allocation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.allocation.RealInventory;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Holds asked at the same time go to the real inventory-service (its jar) as a few batch calls, not one call each,
 * and each caller is answered as the single call answers it: one order refused in a batch (short of stock, an unknown
 * SKU) gets its own 409 or 404 with inventory's problem, and the others in the same batch hold their stock.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(value = RealInventory.class, restrictToAnnotatedClass = true)
class InventoryHoldsBatchTest {

    private static final String ADMIN = Tokens.bearer("admin");
    private static final int HOLDS = 40;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InventoryHolds holds;

    @Test
    void concurrentHoldsGoOutInBatchesAndARefusedOrderLeavesTheOthersHeld() throws Exception {
        ServiceProcess inventory = RealInventory.process();
        String sku = "BATCH-" + UUID.randomUUID().toString().substring(0, 6);
        String location = "B1-" + sku;
        send(inventory, "/api/v1/locations", null, "{\"code\":\"" + location + "\",\"name\":\"" + location
                + "\",\"type\":\"WAREHOUSE\",\"latitude\":50.11,\"longitude\":8.68,\"priority\":0,\"fulfilsOrders\":true}");
        send(inventory, "/api/v1/items", null, "{\"sku\":\"" + sku + "\",\"name\":\"batch item\"}");
        send(inventory, "/api/v1/movements", "receipt-" + sku, "{\"type\":\"RECEIPT\",\"sku\":\"" + sku
                + "\",\"location\":\"" + location + "\",\"quantity\":" + HOLDS + ",\"reason\":\"PO-" + sku + "\"}");
        double batchesBefore = requests(inventory, "/api/v1/reservations/batch");
        double singlesBefore = requests(inventory, "/api/v1/reservations");

        List<CompletableFuture<InventoryClient.Reservation>> held = new ArrayList<>();
        CompletableFuture<InventoryClient.Reservation> tooMany = null;
        CompletableFuture<InventoryClient.Reservation> unknown = null;
        for (int i = 0; i < HOLDS; i++) {
            held.add(hold("batch-" + sku + "-" + i, sku, location, 1));
            if (i == HOLDS / 2) {
                tooMany = hold("batch-" + sku + "-greedy", sku, location, 1000);
                unknown = hold("batch-" + sku + "-unknown", "NO-" + sku, location, 1);
            }
        }

        for (int i = 0; i < HOLDS; i++) {
            InventoryClient.Reservation reservation = held.get(i).join();
            assertThat(reservation.status()).isEqualTo("ACTIVE");
            assertThat(reservation.orderId()).isEqualTo("batch-" + sku + "-" + i);
            assertThat(reservation.lines()).singleElement().satisfies(line -> {
                assertThat(line.location()).isEqualTo(location);
                assertThat(line.quantity()).isEqualTo(1);
            });
        }
        assertRefused(tooMany, 409);
        assertRefused(unknown, 404);

        JsonNode totals = JSON.readTree(get(inventory.url("/api/v1/stock/" + sku), ADMIN)).path("totals");
        assertThat(totals.path("available").asLong()).isZero();
        assertThat(totals.path("committed").asLong()).isEqualTo(HOLDS);
        double batches = requests(inventory, "/api/v1/reservations/batch") - batchesBefore;
        assertThat(batches).as("batch calls for %d holds", HOLDS + 2).isGreaterThanOrEqualTo(1).isLessThan(HOLDS / 4);
        assertThat(requests(inventory, "/api/v1/reservations") - singlesBefore).as("single reservation calls")
                .isZero();
    }

    private CompletableFuture<InventoryClient.Reservation> hold(String orderId, String sku, String location,
            long quantity) {
        return holds.hold("key-" + orderId, new InventoryClient.ReservationRequest(orderId,
                List.of(new InventoryClient.ReservationLine(0, sku, location, quantity)), null))
                .subscribeAsCompletionStage();
    }

    private static void assertRefused(CompletableFuture<InventoryClient.Reservation> hold, int status) {
        assertThat(hold).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(Exception.class)
                .satisfies(failure -> {
                    Throwable cause = failure.getCause() instanceof CompletionException c ? c.getCause()
                            : failure.getCause();
                    assertThat(cause).isInstanceOf(WebApplicationException.class);
                    WebApplicationException refused = (WebApplicationException) cause;
                    assertThat(refused.getResponse().getStatus()).isEqualTo(status);
                    assertThat(refused.getResponse().readEntity(String.class)).contains("\"status\":" + status);
                });
    }

    /** Straight to inventory, not through RestAssured, whose exchanges this module holds to allocation's OpenAPI. */
    private static void send(ServiceProcess inventory, String path, String idempotencyKey, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(inventory.url(path)))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(201);
    }

    private static String get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** POST requests inventory has answered on one route, from its own request metrics. */
    private static double requests(ServiceProcess inventory, String uri) throws Exception {
        return get(inventory.managementUrl("/q/metrics"), null).lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("method=\"POST\"") && line.contains("uri=\"" + uri + "\""))
                // the value follows the labels; an exemplar may follow it
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0]))
                .sum();
    }
}
