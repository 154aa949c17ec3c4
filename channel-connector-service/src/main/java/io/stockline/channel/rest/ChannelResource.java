package io.stockline.channel.rest;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.Buffer;
import io.stockline.channel.domain.CallMinute;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ChannelType;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.channel.domain.ListingSource;
import io.stockline.channel.domain.SkuRule;
import io.stockline.channel.domain.PairState;
import io.stockline.channel.domain.SyncPair;
import io.stockline.channel.domain.SyncState;
import io.stockline.channel.domain.SyncStatus;
import io.stockline.channel.service.ChannelAdminService;
import io.stockline.channel.service.ChannelCalls;
import io.stockline.channel.service.ChannelWorkers;
import io.stockline.channel.service.CredentialStore;
import io.stockline.channel.service.Reconciler;
import io.stockline.channel.service.SyncQueries;
import io.stockline.channel.service.SyncStatusService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/** Channels: viewers read, admins edit. Credentials appear only as the name of their secret reference. */
@Path("/api/v1/channels")
@RolesAllowed(Roles.VIEWER)
@Tag(name = ChannelResource.TAG, description = "Sales channels (marketplaces and shops), their listings and their stock sync.")
public class ChannelResource {

    /** The OpenAPI tag of the channels' operations, here and in {@link ChannelStatusResource}. */
    static final String TAG = "Channels";

    public record BufferResponse(long amount, Buffer.Unit unit) {
        static BufferResponse of(Buffer buffer) {
            return buffer == null ? null : new BufferResponse(buffer.amount(), buffer.unit());
        }
    }

    public record SkuRuleResponse(boolean excluded, BufferResponse buffer, Integer percentage, Long maxQuantity) {
    }

    public record ChannelResponse(String id, ChannelType type, String endpoint, Map<String, String> options,
            String credentials, boolean credentialsResolved, List<String> locations, BufferResponse buffer,
            int percentage, Long maxQuantity, long zeroOutThreshold, Map<String, SkuRuleResponse> skuRules,
            boolean enabled, Integer withholdExpiringWithinDays, DynamicBufferResponse dynamicBuffer) {
    }

    public record DynamicBufferResponse(long floor, long ceiling) {
    }

    /** A SKU's listing: what the JSON import takes. */
    public record ListingMapping(String sku, String listingId) {
    }

    /**
     * A stored listing: {@code source} IMPORTED (the seller's, pinned) or FOUND (looked up by SKU on the marketplace,
     * at {@code foundAt}).
     */
    public record ListingResponse(String sku, String listingId, ListingSource source, OffsetDateTime foundAt) {
    }

    /** SyncStatusV1 as the status endpoint shows it. */
    public record StatusResponse(String channelId, String channelType, SyncState state, long pending, long lagSeconds,
            int consecutiveFailures, int failuresLastHour, OffsetDateTime lastSuccessAt, String lastError,
            long rejected, OffsetDateTime reportedAt) {

        static StatusResponse of(SyncStatus status) {
            return new StatusResponse(status.channelId(), status.channelType(), status.state(), status.pending(),
                    status.lagSeconds(), status.consecutiveFailures(), status.failuresLastHour(),
                    status.lastSuccessAt(), status.lastError(), status.rejected(), status.reportedAt());
        }
    }

    /**
     * One (channel, SKU) pair as the sync endpoint shows it; {@code heldUntil}: its listing reached the marketplace's
     * daily revision cap (eBay), so its pushes wait (the latest wanted quantity kept) until then, the reason in
     * {@code lastError}.
     */
    public record SyncResponse(String sku, long wantedQuantity, long wantedVersion, Long pushedQuantity,
            Long pushedVersion, OffsetDateTime pushedAt, int attempts, boolean rejected, String lastError,
            OffsetDateTime nextAttemptAt, String listingId, OffsetDateTime heldUntil,
            @Schema(description = "SYNCED: the marketplace was seen to hold the wanted quantity; PENDING: still to be sent; "
                    + "ACCEPTED: pending, the marketplace queued it (Amazon 200 ACCEPTED) and a read-back has yet to show it "
                    + "applied; REJECTED: refused for good until the quantity changes") PairState state) {

        static SyncResponse of(SyncPair row) {
            return new SyncResponse(row.sku(), row.wantedQuantity(), row.wantedVersion(), row.pushedQuantity(),
                    row.pushedVersion(), row.pushedAt(), row.attempts(), row.rejected(), row.lastError(),
                    row.nextAttemptAt(), row.listingId(), row.heldUntil(), row.state());
        }
    }

    /**
     * A channel's calls to its marketplace per minute, oldest first, as the instance that answers made them (kept in
     * memory: each instance counts its own, a restart starts empty).
     */
    public record CallsResponse(String channelId, List<CallMinute> minutes) {
    }

    public record Imported(String channel, int imported) {
    }

    public record ReconcileRequested(String channel, boolean requested) {
    }

    private final ChannelAdminService admin;
    private final CredentialStore credentials;
    private final SyncStatusService status;
    private final SyncQueries queries;
    private final Reconciler reconciler;
    private final ChannelWorkers workers;
    private final ChannelCalls calls;

    public ChannelResource(ChannelAdminService admin, CredentialStore credentials, SyncStatusService status,
            SyncQueries queries, Reconciler reconciler, ChannelWorkers workers, ChannelCalls calls) {
        this.calls = calls;
        this.admin = admin;
        this.credentials = credentials;
        this.status = status;
        this.queries = queries;
        this.reconciler = reconciler;
        this.workers = workers;
    }

    @GET
    @Operation(operationId = "listChannels", summary = "List channels", description = "Every channel with its settings; credentials are named by reference, never shown.")
    public Uni<List<ChannelResponse>> list() {
        return admin.list().map(all -> all.stream().map(this::response).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getChannel", summary = "Get a channel", description = "One channel with its settings and whether its credentials resolve; 404 when there is none.")
    public Uni<ChannelResponse> get(@RestPath String id) {
        return admin.get(id).map(this::response);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createChannel", summary = "Connect a channel", description = "Connects a marketplace or webhook channel: which locations feed it, its buffer and caps, and per-SKU rules; its stock is pushed from then on.")
    @APIResponse(responseCode = "201", description = "The channel as connected.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChannelResponse.class)))
    @APIResponse(responseCode = "409", description = "A channel with that id exists already (the problem names `id`): change it with PUT instead.")
    @APIResponse(responseCode = "422", description = "The endpoint is not one of its marketplace's https API hosts (Shopify <shop>.myshopify.com, the Amazon SP-API hosts, api.ebay.com or api.sandbox.ebay.com; any https host for WooCommerce and webhooks), or resolves into the deployment (loopback, link-local and cloud metadata, private, unique-local, carrier-grade NAT, multicast), and the deployment does not allow its host: a problem naming endpoint.")
    public Uni<RestResponse<ChannelResponse>> create(@Valid @NotNull ChannelRequest request) {
        if (request.id() == null || request.id().isBlank()) {
            throw RuleViolation.invalid("id", "id is required");
        }
        return admin.create(request.toSettings(request.id()))
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, response(created)));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceChannel", summary = "Replace a channel", description = "Replaces the channel's settings; quantities are recomputed and pushed where they change.")
    @APIResponse(responseCode = "200", description = "The channel as replaced.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChannelResponse.class)))
    @APIResponse(responseCode = "422", description = "The endpoint is not one of its marketplace's https API hosts (Shopify <shop>.myshopify.com, the Amazon SP-API hosts, api.ebay.com or api.sandbox.ebay.com; any https host for WooCommerce and webhooks), or resolves into the deployment (loopback, link-local and cloud metadata, private, unique-local, carrier-grade NAT, multicast), and the deployment does not allow its host: a problem naming endpoint.")
    public Uni<ChannelResponse> replace(@RestPath String id, @Valid @NotNull ChannelRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw RuleViolation.invalid("id", "the body's id differs from the path's");
        }
        return admin.update(request.toSettings(id)).map(this::response);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteChannel", summary = "Disconnect a channel", description = "Disconnects the channel: nothing is pushed to it any more; 404 when there is none.")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return admin.delete(id).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("/{id}/listings")
    @Operation(operationId = "listListings", summary = "List a channel's listings", description = "The channel's SKU to listing mappings: imported by the seller (pinned), or found by SKU on the marketplace (Shopify, WooCommerce, BigCommerce) when a SKU had none.")
    public Uni<List<ListingResponse>> listings(@RestPath String id) {
        return admin.listings(id).map(all -> all.stream()
                .map(listing -> new ListingResponse(listing.sku(), listing.listingId(), listing.source(), listing.foundAt())).toList());
    }

    /** CSV import: {@code sku,listingId} per line, all or nothing. */
    @POST
    @Path("/{id}/listings")
    @Consumes("text/csv")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importListingsCsv", summary = "Import listings from CSV", description = "Sets the channel's listings from a CSV (`sku,listingId` per line) or a JSON list of mappings, all or nothing.")
    public Uni<Imported> importCsv(@RestPath String id, String csv) {
        List<ListingCsv.Mapping> mappings = ListingCsv.parse(csv);
        return admin.importListings(id, mappings).map(count -> new Imported(id, count));
    }

    @POST
    @Path("/{id}/listings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importListingsJson", summary = "Import listings from JSON")
    public Uni<Imported> importJson(@RestPath String id, @NotNull List<@NotNull ListingMapping> mappings) {
        StringBuilder csv = new StringBuilder();
        for (ListingMapping mapping : mappings) {
            csv.append(mapping.sku() == null ? "" : mapping.sku()).append(',')
                    .append(mapping.listingId() == null ? "" : mapping.listingId()).append('\n');
        }
        return importCsv(id, csv.toString());
    }

    @POST
    @Path("/{id}/reconcile")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "reconcileChannel", summary = "Reconcile a channel", description = "Asks for a reconciliation now: what the marketplace holds is read back and repaired where it differs. Answers at once; the work follows.")
    @APIResponse(responseCode = "202", description = "Requested; the channel's workers reconcile it next.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReconcileRequested.class)))
    public Uni<RestResponse<ReconcileRequested>> reconcile(@RestPath String id) {
        return admin.get(id).chain(() -> reconciler.request(id)).invoke(() -> workers.wake(id))
                .map(ignored -> RestResponse.accepted(new ReconcileRequested(id, true)));
    }

    @GET
    @Path("/{id}/status")
    @Operation(operationId = "channelStatus", summary = "Get a channel's sync status", description = "The channel's sync state, pending pushes and lag, recent failures, last success and last error; 404 when there is none.")
    public Uni<StatusResponse> status(@RestPath String id) {
        return status.status(id).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no channel " + id))
                .map(StatusResponse::of);
    }

    @GET
    @Path("/{id}/sync")
    @Operation(operationId = "listSyncs", summary = "List a channel's stock pushes", description = "The latest pushes of stock to the channel, narrowed by `sku`; `limit` between 1 and 5000 (500 by default).")
    public Uni<List<SyncResponse>> sync(@RestPath String id, @QueryParam("sku") String sku,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) String limit) {
        // read as text, so that a limit that is no int is a 400 naming it, not a bare 404
        int rows = QueryParams.limit(limit, 500, 5000);
        return admin.get(id).chain(() -> queries.rows(id, sku == null || sku.isBlank() ? null : sku, rows))
                .map(all -> all.stream().map(SyncResponse::of).toList());
    }

    @GET
    @Path("/{id}/calls")
    @Operation(operationId = "channelCalls", summary = "Get a channel's calls per minute", description = "Calls sent to the channel's marketplace, answers that throttled them (HTTP 429, Shopify THROTTLED) and other failures, per minute over the last `minutes` (1 to 120, 60 by default), oldest first, the current minute last. Every instance's calls added up (each writes what it counted every few seconds, so the current minute may lack up to that much of another instance's calls); 404 when there is no such channel.")
    public Uni<CallsResponse> calls(@RestPath String id,
            @QueryParam("minutes") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) String minutes) {
        int shown = QueryParams.whole("minutes", minutes, 60, 1, ChannelCalls.MAX_MINUTES);
        return calls.lastMinutes(id, shown).map(perMinute -> new CallsResponse(id, perMinute));
    }

    private ChannelResponse response(ChannelSettings channel) {
        Map<String, SkuRuleResponse> skuRules = new LinkedHashMap<>();
        channel.skuRules().forEach((sku, rule) -> skuRules.put(sku, skuRule(rule)));
        return new ChannelResponse(channel.id(), channel.type(), channel.endpoint(), channel.options(),
                channel.credentialsRef(), credentials.resolves(channel.credentialsRef()), channel.locations(),
                BufferResponse.of(channel.rules().buffer()), channel.rules().percentage(), channel.rules().maxQuantity(),
                channel.rules().zeroOutThreshold(), skuRules, channel.enabled(), channel.rules().withholdExpiringWithinDays(),
                channel.rules().dynamicBuffer() == null ? null
                        : new DynamicBufferResponse(channel.rules().dynamicBuffer().floor(), channel.rules().dynamicBuffer().ceiling()));
    }

    private static SkuRuleResponse skuRule(SkuRule rule) {
        return new SkuRuleResponse(rule.excluded(), BufferResponse.of(rule.buffer()), rule.percentage(),
                rule.maxQuantity());
    }
}
