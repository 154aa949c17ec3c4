package io.stockline.simulator.rest;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.AmazonService;
import io.stockline.simulator.service.CallGate;
import io.stockline.simulator.service.CallStats;

/** Login with Amazon's token endpoint and the Listings Items API 2021-08-01 (patch, get and search). */
@Path("/amazon")
public class AmazonResource {

    private static final String ITEMS = "/listings/2021-08-01/items/{sellerId}";
    private static final String ITEM = ITEMS + "/{sku}";

    private final CallGate gate;
    private final CallStats stats;
    private final AmazonService amazon;

    public AmazonResource(CallGate gate, CallStats stats, AmazonService amazon) {
        this.gate = gate;
        this.stats = stats;
        this.amazon = amazon;
    }

    @POST
    @Path("/auth/o2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("refresh_token") String refreshToken,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret) {
        stats.call(Marketplace.AMAZON, "token");
        return Responses.of(amazon.token(grantType, refreshToken, clientId, clientSecret));
    }

    /** LWA takes the same fields as JSON too. */
    @POST
    @Path("/auth/o2/token")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tokenFromJson(Map<String, String> form) {
        stats.call(Marketplace.AMAZON, "token");
        return Responses.of(amazon.token(form.get("grant_type"), form.get("refresh_token"), form.get("client_id"), form.get("client_secret")));
    }

    @PATCH
    @Path(ITEM)
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> patch(@PathParam("sellerId") String sellerId, @PathParam("sku") String sku,
            @QueryParam("marketplaceIds") String marketplaceIds, @QueryParam("mode") String mode,
            @HeaderParam("x-amz-access-token") String accessToken, String body) {
        return gate.pass(Marketplace.AMAZON, "patchListingsItem", amazon::failure,
                () -> amazon.patch(accessToken, sellerId, sku, marketplaceIds, mode, body)).map(Responses::of);
    }

    @GET
    @Path(ITEM)
    public Uni<Response> get(@PathParam("sellerId") String sellerId, @PathParam("sku") String sku,
            @QueryParam("marketplaceIds") String marketplaceIds, @QueryParam("includedData") String includedData,
            @HeaderParam("x-amz-access-token") String accessToken) {
        return gate.pass(Marketplace.AMAZON, "getListingsItem", amazon::failure,
                () -> amazon.get(accessToken, sellerId, sku, marketplaceIds, includedData)).map(Responses::of);
    }

    /** searchListingsItems; pageSize comes as text so that a malformed one gets Amazon's 400, not a JAX-RS 404. */
    @GET
    @Path(ITEMS)
    public Uni<Response> search(@PathParam("sellerId") String sellerId, @QueryParam("marketplaceIds") String marketplaceIds,
            @QueryParam("identifiersType") String identifiersType, @QueryParam("identifiers") String identifiers,
            @QueryParam("includedData") String includedData, @QueryParam("pageSize") String pageSize,
            @QueryParam("pageToken") String pageToken, @HeaderParam("x-amz-access-token") String accessToken) {
        return gate.pass(Marketplace.AMAZON, "searchListingsItems", amazon::failure,
                () -> amazon.search(accessToken, sellerId, marketplaceIds, identifiersType, identifiers, includedData, pageSize,
                        pageToken)).map(Responses::of);
    }
}
