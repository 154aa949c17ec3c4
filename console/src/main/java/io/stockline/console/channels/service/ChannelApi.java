package io.stockline.console.channels.service;

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

/** The part of channel-connector-service's API (deploy/openapi/channel-connector-service.json) the pages use. */
@RegisterRestClient(configKey = "channels")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1")
public interface ChannelApi {

    @GET
    @Path("/channels")
    List<Channel> channels();

    /** Every channel's status in one call, ordered by channel id. */
    @GET
    @Path("/channel-status")
    List<Status> statuses();

    @GET
    @Path("/channels/{id}/status")
    Status status(@PathParam("id") String id);

    @POST
    @Path("/channels/{id}/reconcile")
    void reconcile(@PathParam("id") String id);

    @GET
    @Path("/channels/{id}")
    Channel channel(@PathParam("id") String id);

    @GET
    @Path("/channels/{id}/sync")
    List<Sync> sync(@PathParam("id") String id, @QueryParam("limit") int limit);

    @GET
    @Path("/channels/{id}/listings")
    List<Listing> listings(@PathParam("id") String id);

    @GET
    @Path("/channels/{id}/calls")
    Calls calls(@PathParam("id") String id, @QueryParam("minutes") int minutes);

    /**
     * One SKU on the channel: the quantity wanted there now, and the one last pushed, which the marketplace holds
     * once {@code state} is SYNCED; {@code lastError} says why a REJECTED one was refused.
     */
    record Sync(String sku, long wantedQuantity, Long pushedQuantity, OffsetDateTime pushedAt, int attempts,
            boolean rejected, String lastError, String listingId, OffsetDateTime heldUntil, String state) {
    }

    record Listing(String sku, String listingId, String source, OffsetDateTime foundAt) {
    }

    record Minute(OffsetDateTime minute, long calls, long throttled, long failed) {
    }

    record Calls(String channelId, List<Minute> minutes) {
    }

    record Channel(String id, String type, boolean enabled, List<String> locations) {
    }

    /** lastError is an error class and status code, never a marketplace's own text (issue 15). */
    record Status(String channelId, String state, Long lagSeconds, Long pending, Long rejected,
            Integer consecutiveFailures, Integer failuresLastHour, String lastError, OffsetDateTime lastSuccessAt) {
    }
}
