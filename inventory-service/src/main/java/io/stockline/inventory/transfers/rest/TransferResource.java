package io.stockline.inventory.transfers.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/**
 * Viewers read transfers; operators draft, ship, receive and cancel them as they move the goods; closing one
 * writes off what never arrived, so it is an admin's.
 */
@Path("/api/v1/transfers")
@RolesAllowed(Roles.VIEWER)
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
    public Uni<RestResponse<TransferView>> create(@Valid @NotNull TransferRequest request) {
        return transfers.create(request, Actor.of(identity)).map(t -> RestResponse.status(RestResponse.Status.CREATED, t));
    }

    @GET
    public Uni<List<TransferView>> recent(@RestQuery @Min(1) @Max(100) Integer limit) {
        return transfers.recent(limit == null ? 50 : limit);
    }

    @GET
    @Path("/{number}")
    public Uni<TransferView> get(@RestPath String number) {
        return transfers.get(number);
    }

    @POST
    @Path("/{number}/ship")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<TransferView> ship(@RestPath String number) {
        return transfers.ship(number, Actor.of(identity));
    }

    /** 201 for a new receipt; the same Idempotency-Key again answers 200 with the first and changes nothing. */
    @POST
    @Path("/{number}/receipts")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<ReceiptResponse>> receive(@RestPath String number,
            @RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull TransferReceiptRequest request) {
        return transfers.receive(number, request, Headers.requireIdempotencyKey(idempotencyKey), Actor.of(identity))
                .map(r -> RestResponse.status(r.replayed() ? RestResponse.Status.OK : RestResponse.Status.CREATED,
                        new ReceiptResponse(r.receipt(), r.transfer(), r.replayed())));
    }

    @POST
    @Path("/{number}/close")
    @RolesAllowed(Roles.ADMIN)
    public Uni<TransferView> close(@RestPath String number) {
        return transfers.close(number, Actor.of(identity));
    }

    @POST
    @Path("/{number}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<TransferView> cancel(@RestPath String number) {
        return transfers.cancel(number);
    }
}
