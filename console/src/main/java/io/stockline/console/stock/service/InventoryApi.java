package io.stockline.console.stock.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** The part of inventory-service's API (deploy/openapi/inventory-service.json) the stock pages use. */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1")
public interface InventoryApi {

    @GET
    @Path("/items")
    List<Item> search(@QueryParam("q") String text, @QueryParam("limit") int limit);

    @GET
    @Path("/items/{sku}")
    Item item(@PathParam("sku") String sku);

    @GET
    @Path("/stock/{sku}")
    Stock stock(@PathParam("sku") String sku);

    @GET
    @Path("/ledger")
    List<Movement> ledger(@QueryParam("sku") String sku, @QueryParam("after") long after,
            @QueryParam("limit") int limit);

    @GET
    @Path("/locations")
    List<Location> locations();

    /** The body is a map so that what a person typed reaches the API as typed, and its refusal names the field. */
    @POST
    @Path("/movements")
    Movement post(@HeaderParam("Idempotency-Key") String idempotencyKey, Map<String, Object> movement);

    record Item(String sku, String name, String kind, String status, boolean lotTracked, List<String> barcodes) {
    }

    record Quantities(long onHand, long available, long committed, long reserved, long damaged,
            long qualityControl, long safetyStock, long incoming, long inTransit) {
    }

    record LocationStock(String location, long onHand, long available, long committed, long reserved, long damaged,
            long qualityControl, long safetyStock, long incoming, long inTransit) {
    }

    record Stock(String sku, Quantities totals, List<LocationStock> locations) {
    }

    record Movement(long id, String type, String sku, String location, long quantity, String reason,
            String reasonCode, String reference, String actor, OffsetDateTime createdAt) {
    }

    record Location(String code, String name, String type) {
    }
}
