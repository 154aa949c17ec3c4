package io.stockline.console.alerts.service;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** The part of alert-service's API (deploy/openapi/alert-service.json) the alerts page uses. */
@RegisterRestClient(configKey = "alerts")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/alerts")
public interface AlertApi {

    @GET
    List<Alert> alerts(@QueryParam("status") String status, @QueryParam("limit") int limit);

    @POST
    @Path("/{id}/acknowledge")
    Alert acknowledge(@PathParam("id") String id);

    record Alert(String id, String kind, String status, String sku, String location, String channel, String lot,
            Long observed, Long threshold, String detail, OffsetDateTime openedAt, OffsetDateTime acknowledgedAt,
            String acknowledgedBy) {

        public boolean acknowledged() {
            return acknowledgedAt != null;
        }
    }
}
