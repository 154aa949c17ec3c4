package io.stockline.alert.rest;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Subscription;
import io.stockline.alert.service.DigestService;
import io.stockline.alert.service.SubscriptionService;
import io.stockline.platform.security.Roles;

@Path("/api/v1/subscriptions")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Subscriptions", description = "Who is told about which alerts, how and how often.")
public class SubscriptionResource {

    /**
     * A subscription as the API shows it: never its secret (secretSet says whether one is stored), and a webhook's or
     * chat hook's URL only up to its host, since such URLs may carry a credential in their path or query (the
     * repository seals them at rest for the same reason). An e-mail address is shown as it is.
     */
    public record SubscriptionResponse(UUID id, String name, Subscription.Channel channel, String target,
            boolean secretSet, List<AlertKind> kinds, String sku, String location, boolean digest,
            LocalTime digestTime, OffsetDateTime nextDigestAt, OffsetDateTime lastDigestAt, boolean enabled,
            OffsetDateTime createdAt) {

        static SubscriptionResponse of(Subscription s) {
            return new SubscriptionResponse(s.id(), s.name(), s.channel(), shown(s), s.secret() != null,
                    s.filter().kinds().stream().sorted().toList(), s.filter().sku(), s.filter().location(), s.digest(),
                    s.digestTime(), s.nextDigestAt(), s.lastDigestAt(), s.enabled(), s.createdAt());
        }

        private static String shown(Subscription s) {
            if (s.channel() == Subscription.Channel.EMAIL) {
                return s.target();
            }
            // the host and port, not the authority: that would keep user information, were a target to hold any
            URI uri = URI.create(s.target());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/...";
        }
    }

    /** What taking a digest now did. */
    public record DigestResponse(int alerts) {
    }

    private final SubscriptionService subscriptions;
    private final DigestService digests;

    public SubscriptionResource(SubscriptionService subscriptions, DigestService digests) {
        this.subscriptions = subscriptions;
        this.digests = digests;
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "List subscriptions", description = "Every subscription; webhook targets are shown without their path and a secret only as whether there is one.")
    public Uni<List<SubscriptionResponse>> list() {
        return subscriptions.all().map(all -> all.stream().map(SubscriptionResponse::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubscription", summary = "Get a subscription", description = "One subscription; 404 when there is none with that id.")
    public Uni<SubscriptionResponse> subscription(@RestPath String id) {
        return subscriptions.find(Params.id(id)).map(SubscriptionResponse::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createSubscription", summary = "Create a subscription", description = "Who is told about which alerts (by kind, SKU and location), where (e-mail, webhook or chat), at once or as a daily digest.")
    @APIResponse(responseCode = "201", description = "The subscription as created.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "422", description = "The webhook or chat target leads into the deployment (loopback, link-local and cloud metadata, private, unique-local, carrier-grade NAT or multicast addresses) and the deployment does not allow its host: a problem naming target.")
    public Uni<RestResponse<SubscriptionResponse>> create(@Valid @NotNull SubscriptionService.SubscriptionRequest request) {
        return subscriptions.create(request)
                .map(s -> RestResponse.status(RestResponse.Status.CREATED, SubscriptionResponse.of(s)));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeSubscription", summary = "Change a subscription", description = "Replaces the subscription's settings.")
    @APIResponse(responseCode = "200", description = "The subscription as changed.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionResponse.class)))
    @APIResponse(responseCode = "422", description = "The webhook or chat target leads into the deployment and the deployment does not allow its host: a problem naming target.")
    public Uni<SubscriptionResponse> change(@RestPath String id,
            @Valid @NotNull SubscriptionService.SubscriptionRequest request) {
        return subscriptions.change(Params.id(id), request).map(SubscriptionResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteSubscription", summary = "Delete a subscription", description = "Deletes the subscription; its past deliveries stay.")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return subscriptions.delete(Params.id(id)).map(ignored -> RestResponse.noContent());
    }

    /** Sends the digest of the alerts since the last one now, rather than at its time. */
    @POST
    @Path("/{id}/digest")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "previewDigest", summary = "Preview a subscription's digest", description = "Sends the digest of the alerts since the last one now, rather than at its time.")
    public Uni<DigestResponse> digest(@RestPath String id) {
        return digests.send(Params.id(id)).map(DigestResponse::new);
    }
}
