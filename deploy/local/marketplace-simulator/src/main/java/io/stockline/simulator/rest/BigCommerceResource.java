package io.stockline.simulator.rest;

import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.Answer;
import io.stockline.simulator.service.BigCommerceService;
import io.stockline.simulator.service.CallGate;

/** BigCommerce's REST Management API v3, inventory and variants by SKU only. */
@Path("/bigcommerce/stores/{storeHash}/v3")
public class BigCommerceResource {

    private final CallGate gate;
    private final BigCommerceService bigcommerce;

    public BigCommerceResource(CallGate gate, BigCommerceService bigcommerce) {
        this.gate = gate;
        this.bigcommerce = bigcommerce;
    }

    @PUT
    @Path("/inventory/adjustments/absolute")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> absolute(@PathParam("storeHash") String storeHash, @HeaderParam("X-Auth-Token") String token, String body) {
        return call("absoluteAdjustment", storeHash, token, () -> bigcommerce.absolute(body));
    }

    @GET
    @Path("/inventory/items")
    public Uni<Response> items(@PathParam("storeHash") String storeHash, @HeaderParam("X-Auth-Token") String token,
            @QueryParam("variant_id:in") String variantIds, @QueryParam("location_id:in") String locationIds,
            @QueryParam("limit") Integer limit) {
        return call("getInventoryItems", storeHash, token, () -> bigcommerce.items(variantIds, locationIds, limit));
    }

    @GET
    @Path("/catalog/variants")
    public Uni<Response> variants(@PathParam("storeHash") String storeHash, @HeaderParam("X-Auth-Token") String token,
            @QueryParam("sku") String sku, @QueryParam("sku:in") String skuIn, @QueryParam("limit") Integer limit) {
        return call("getVariants", storeHash, token, () -> bigcommerce.variants(sku, skuIn, limit));
    }

    private Uni<Response> call(String operation, String storeHash, String token, Supplier<Answer> work) {
        return gate.pass(Marketplace.BIGCOMMERCE, operation, bigcommerce::failure,
                () -> bigcommerce.call(storeHash, token, work)).map(Responses::of);
    }
}
