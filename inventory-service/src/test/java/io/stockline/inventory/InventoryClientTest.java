package io.stockline.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.inventory.client.ApiClient;
import io.stockline.inventory.client.ApiException;
import io.stockline.inventory.client.api.ItemsApi;
import io.stockline.inventory.client.api.LocationsApi;
import io.stockline.inventory.client.api.MovementsApi;
import io.stockline.inventory.client.api.ReservationsApi;
import io.stockline.inventory.client.api.StockApi;
import io.stockline.inventory.client.model.ItemRequest;
import io.stockline.inventory.client.model.ReservationLine;
import io.stockline.inventory.client.model.LocationRequest;
import io.stockline.inventory.client.model.LocationType;
import io.stockline.inventory.client.model.MovementRequest;
import io.stockline.inventory.client.model.MovementType;
import io.stockline.inventory.client.model.Problem;
import io.stockline.inventory.client.model.ReservationRequest;
import io.stockline.inventory.client.model.ReservationResponse;
import io.stockline.inventory.client.model.StockResponse;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * An integrator's view: a client generated (openapi-generator, library=native) from the committed
 * deploy/openapi/inventory-service.json, with a bearer token, sets up a location and an item, receives goods,
 * reserves some and reads the stock; a refused reservation comes back as the document's Problem.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class InventoryClientTest {

    @TestHTTPResource("/")
    URL root;

    private ApiClient client(String role) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        String token = Tokens.mint(role);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void aGeneratedClientReceivesReservesAndReadsStock() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String location = "CL-" + run;
        String sku = "CLIENT-" + run;
        ApiClient admin = client("admin");
        ApiClient operator = client("operator");

        new LocationsApi(admin).createLocation(new LocationRequest().code(location).name("Client test warehouse")
                .type(LocationType.WAREHOUSE).fulfilsOrders(true));
        assertThat(new ItemsApi(admin).createItem(new ItemRequest().sku(sku).name("Client test item")).getSku())
                .isEqualTo(sku);
        assertThat(new MovementsApi(operator).postMovement(new MovementRequest().type(MovementType.RECEIPT).sku(sku)
                .location(location).quantity(24L).reference("PO-" + run), "receipt-" + run).getQuantity())
                .isEqualTo(24L);
        ReservationResponse reservation = new ReservationsApi(operator).reserve(new ReservationRequest()
                .orderId("ORDER-" + run).lines(List.of(new ReservationLine().line(0).sku(sku).location(location).quantity(2L))),
                "reserve-" + run);
        assertThat(reservation.getId()).isNotNull();
        assertThat(reservation.getLines()).singleElement().satisfies(line -> assertThat(line.getQuantity()).isEqualTo(2L));

        StockApi stock = new StockApi(client("viewer"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            StockResponse read = stock.getStock(sku);
            assertThat(read.getTotals().getOnHand()).isEqualTo(24L);
            // held for an order: counted as committed (allocated to orders), no longer available
            assertThat(read.getTotals().getCommitted()).isEqualTo(2L);
            assertThat(read.getTotals().getAvailable()).isEqualTo(22L);
        });

        ApiException refused = catchThrowableOfType(ApiException.class, () -> new ReservationsApi(operator).reserve(
                new ReservationRequest().orderId("ORDER-BIG-" + run)
                        .lines(List.of(new ReservationLine().line(0).sku(sku).location(location).quantity(1000L))),
                "reserve-big-" + run));
        assertThat(refused.getCode()).isEqualTo(409);
        Problem problem = operator.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getViolations()).isNotEmpty();
    }
}
