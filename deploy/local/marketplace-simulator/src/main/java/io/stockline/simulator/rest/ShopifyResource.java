package io.stockline.simulator.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.CallGate;
import io.stockline.simulator.service.ShopifyService;

/** Shopify's GraphQL Admin API endpoint, any API version. */
@Path("/shopify/admin/api/{version}/graphql.json")
public class ShopifyResource {

    private final CallGate gate;
    private final ShopifyService shopify;

    public ShopifyResource(CallGate gate, ShopifyService shopify) {
        this.gate = gate;
        this.shopify = shopify;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> graphql(@PathParam("version") String version,
            @HeaderParam("X-Shopify-Access-Token") String accessToken, String body) {
        return gate.pass(Marketplace.SHOPIFY, ShopifyService.operation(body), shopify::failure,
                () -> shopify.graphql(version, accessToken, body)).map(Responses::of);
    }
}
