package io.stockline.channel.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.rest.ChannelResource.StatusResponse;
import io.stockline.channel.service.SyncStatusService;
import io.stockline.platform.security.Roles;

/**
 * Every channel's sync status in one answer, for a screen listing them all. Not under /api/v1/channels: a channel
 * may be called anything, "status" too, and a fixed name there would hide that channel from GET /channels/{id}.
 */
@Path("/api/v1/channel-status")
@RolesAllowed(Roles.VIEWER)
@Tag(name = ChannelResource.TAG)
public class ChannelStatusResource {

    private final SyncStatusService status;

    public ChannelStatusResource(SyncStatusService status) {
        this.status = status;
    }

    @GET
    @Operation(operationId = "listChannelStatuses", summary = "List every channel's sync status", description = "The sync status of every channel, ordered by channel id, each as `GET /api/v1/channels/{id}/status` answers it; computed in a fixed number of queries however many channels there are.")
    public Uni<List<StatusResponse>> statuses() {
        return status.statuses().map(all -> all.stream().map(StatusResponse::of).toList());
    }
}
