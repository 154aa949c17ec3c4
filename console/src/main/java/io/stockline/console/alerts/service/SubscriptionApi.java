package io.stockline.console.alerts.service;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** alert-service's subscriptions (deploy/openapi/alert-service.json): viewers read them, admins change them. */
@RegisterRestClient(configKey = "alerts")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/subscriptions")
public interface SubscriptionApi {

    @GET
    List<Subscription> subscriptions();

    /** The body is a map so that what a person typed reaches the API as typed, and its refusal names the field. */
    @POST
    Subscription create(Map<String, Object> subscription);

    @PUT
    @Path("/{id}")
    Subscription change(@PathParam("id") String id, Map<String, Object> subscription);

    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") String id);

    /** A chat target is shown only up to its host (its path is its credential); a secret only as whether there is one. */
    record Subscription(String id, String name, String channel, String target, boolean secretSet, List<String> kinds,
            String sku, String location, boolean digest, LocalTime digestTime, OffsetDateTime nextDigestAt,
            boolean enabled, OffsetDateTime createdAt) {
    }
}
