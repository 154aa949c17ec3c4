package io.stockline.inventory.transfers.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.rest.Actor;
import io.stockline.inventory.rest.Headers;
import io.stockline.inventory.transfers.domain.TransferReceiptView;
import io.stockline.inventory.transfers.domain.TransferView;
import io.stockline.inventory.transfers.service.TransferReceiptRequest;
import io.stockline.inventory.transfers.service.TransferRequest;
import io.stockline.inventory.transfers.service.TransferService;
import io.stockline.platform.security.Roles;
import io.stockline.platform.problem.QueryParams;

/**
 * Viewers read transfers; operators draft, ship, receive and cancel them as they move the goods; closing one
 * writes off what never arrived, so it is an admin's.
 */
@Path("/api/v1/transfers")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Transfers", description = "Stock moved between locations: drafted, shipped (in transit), received, closed.")
public class TransferResource {

    public record ReceiptResponse(TransferReceiptView receipt, TransferView transfer, boolean replayed) {
    }

    private final TransferService transfers;
    private final SecurityIdentity identity;

    public TransferResource(TransferService transfers, SecurityIdentity identity) {
        this.transfers = transfers;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "createTransfer", summary = "Draft a transfer", description = "A draft moving the lines from one location to another; nothing moves until it is shipped.")
    @APIResponse(responseCode = "201", description = "The draft, with its number.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    public Uni<RestResponse<TransferView>> create(@Valid @NotNull TransferRequest request) {
        return transfers.create(request, Actor.of(identity)).map(t -> RestResponse.status(RestResponse.Status.CREATED, t));
    }

    @GET
    @Operation(operationId = "listTransfers", summary = "List recent transfers", description = "The latest transfers, newest first (`limit`, at most 100).")
    public Uni<List<TransferView>> recent(@Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
            maximum = "100")) @RestQuery String limit) {
        return transfers.recent(QueryParams.limit(limit, 50, 100));
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getTransfer", summary = "Get a transfer", description = "One transfer with its lines and what has been received; 404 when there is none.")
    public Uni<TransferView> get(@RestPath String number) {
        return transfers.get(number);
    }

    @POST
    @Path("/{number}/ship")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "shipTransfer", summary = "Ship a transfer", description = "Takes the lines out of the origin's stock and puts them in transit; 409 when the origin has too little available or the transfer is not a draft.")
    public Uni<TransferView> ship(@RestPath String number) {
        return transfers.ship(number, Actor.of(identity));
    }

    /** 201 for a new receipt; the same Idempotency-Key again answers 200 with the first and changes nothing. */
    @POST
    @Path("/{number}/receipts")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "receiveTransfer", summary = "Receive a transfer", description = "Books what arrived at the destination out of transit (a lot-tracked item names its lot). Needs an `Idempotency-Key`: the same key again answers 200 with the first receipt and changes nothing.")
    @APIResponse(responseCode = "201", description = "Received: the receipt and the transfer after it.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReceiptResponse.class)))
    @APIResponse(responseCode = "200", description = "The key was used already: the first receipt, with `replayed`.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReceiptResponse.class)))
    public Uni<RestResponse<ReceiptResponse>> receive(@RestPath String number,
            @RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull TransferReceiptRequest request) {
        return transfers.receive(number, request, Headers.requireIdempotencyKey(idempotencyKey), Actor.of(identity))
                .map(r -> RestResponse.status(r.replayed() ? RestResponse.Status.OK : RestResponse.Status.CREATED,
                        new ReceiptResponse(r.receipt(), r.transfer(), r.replayed())));
    }

    @POST
    @Path("/{number}/close")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "closeTransfer", summary = "Close a transfer", description = "Ends a shipped transfer: what never arrived is written off as lost in transit.")
    public Uni<TransferView> close(@RestPath String number) {
        return transfers.close(number, Actor.of(identity));
    }

    @POST
    @Path("/{number}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "cancelTransfer", summary = "Cancel a transfer", description = "Cancels a draft transfer before it ships; 409 once it has shipped.")
    public Uni<TransferView> cancel(@RestPath String number) {
        return transfers.cancel(number);
    }
}
