package io.stockline.simulator.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.CallGate;
import io.stockline.simulator.service.CallStats;
import io.stockline.simulator.service.EbayService;

/** eBay's identity token endpoint and the Sell Inventory API v1 calls a stock sync needs. */
@Path("/ebay")
public class EbayResource {

    private final CallGate gate;
    private final CallStats stats;
    private final EbayService ebay;

    public EbayResource(CallGate gate, CallStats stats, EbayService ebay) {
        this.gate = gate;
        this.stats = stats;
        this.ebay = ebay;
    }

    @POST
    @Path("/identity/v1/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @FormParam("grant_type") String grantType,
            @FormParam("refresh_token") String refreshToken) {
        stats.call(Marketplace.EBAY, "token");
        return Responses.of(ebay.token(authorization, grantType, refreshToken));
    }

    @POST
    @Path("/sell/inventory/v1/bulk_update_price_quantity")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> bulkUpdatePriceQuantity(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return gate.pass(Marketplace.EBAY, "bulkUpdatePriceQuantity", ebay::failure,
                () -> ebay.bulkUpdatePriceQuantity(authorization, body)).map(Responses::of);
    }

    /** getOffers: the offers of one SKU (their ids and availableQuantity), as the connector reads them. */
    @GET
    @Path("/sell/inventory/v1/offer")
    public Uni<Response> getOffers(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("sku") String sku) {
        return gate.pass(Marketplace.EBAY, "getOffers", ebay::failure, () -> ebay.getOffers(authorization, sku)).map(Responses::of);
    }

    @GET
    @Path("/sell/inventory/v1/inventory_item/{sku}")
    public Uni<Response> getInventoryItem(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("sku") String sku) {
        return gate.pass(Marketplace.EBAY, "getInventoryItem", ebay::failure,
                () -> ebay.getInventoryItem(authorization, sku)).map(Responses::of);
    }

    @POST
    @Path("/sell/inventory/v1/bulk_get_inventory_item")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> bulkGetInventoryItem(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return gate.pass(Marketplace.EBAY, "bulkGetInventoryItem", ebay::failure,
                () -> ebay.bulkGetInventoryItem(authorization, body)).map(Responses::of);
    }
}
