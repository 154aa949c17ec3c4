package io.stockline.simulator.rest;

import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
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
import io.stockline.simulator.service.Answer;
import io.stockline.simulator.service.CallGate;
import io.stockline.simulator.service.WooCommerceService;

/** WooCommerce's REST API v3, the stock of products and of variable products' variations. */
@Path("/woocommerce/wp-json/wc/v3/products")
public class WooCommerceResource {

    private final CallGate gate;
    private final WooCommerceService woocommerce;

    public WooCommerceResource(CallGate gate, WooCommerceService woocommerce) {
        this.gate = gate;
        this.woocommerce = woocommerce;
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> batch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("consumer_key") String key, @QueryParam("consumer_secret") String secret, String body) {
        return call("batchProducts", authorization, key, secret, () -> woocommerce.batch(body));
    }

    @GET
    public Uni<Response> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("consumer_key") String key, @QueryParam("consumer_secret") String secret,
            @QueryParam("include") String include, @QueryParam("sku") String sku, @QueryParam("per_page") Integer perPage,
            @QueryParam("page") Integer page) {
        return call("listProducts", authorization, key, secret, () -> woocommerce.list(include, sku, perPage, page));
    }

    @POST
    @Path("/{parent}/variations/batch")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> batchVariations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("consumer_key") String key, @QueryParam("consumer_secret") String secret,
            @PathParam("parent") String parent, String body) {
        return call("batchVariations", authorization, key, secret, () -> woocommerce.batchVariations(parent, body));
    }

    @GET
    @Path("/{parent}/variations")
    public Uni<Response> variations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("consumer_key") String key, @QueryParam("consumer_secret") String secret,
            @PathParam("parent") String parent, @QueryParam("include") String include,
            @QueryParam("per_page") Integer perPage, @QueryParam("page") Integer page) {
        return call("listVariations", authorization, key, secret, () -> woocommerce.listVariations(parent, include, perPage, page));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> one(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("consumer_key") String key, @QueryParam("consumer_secret") String secret, @PathParam("id") String id) {
        return call("getProduct", authorization, key, secret, () -> woocommerce.one(id));
    }

    private Uni<Response> call(String operation, String authorization, String key, String secret, Supplier<Answer> work) {
        return gate.pass(Marketplace.WOOCOMMERCE, operation, woocommerce::failure,
                () -> woocommerce.unauthorized(authorization, key, secret).orElseGet(work)).map(Responses::of);
    }
}
