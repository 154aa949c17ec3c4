package io.stockline.inventory.purchasing.rest;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;
import io.stockline.inventory.purchasing.domain.PurchaseOrderView;
import io.stockline.inventory.purchasing.domain.ReceiptView;
import io.stockline.inventory.purchasing.service.PurchaseOrderRequest;
import io.stockline.inventory.purchasing.service.PurchaseOrderService;
import io.stockline.inventory.purchasing.service.ReceiptRequest;
import io.stockline.inventory.rest.Actor;
import io.stockline.inventory.rest.Headers;
import io.stockline.platform.security.Roles;
import io.stockline.platform.problem.QueryParams;

/**
 * Viewers read and export orders; operators draft them and receive against them; admins commit to a supplier
 * (send) and end an order (close, cancel), the steps that change what is expected.
 */
@Path("/api/v1/purchase-orders")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Purchase orders", description = "Orders to suppliers, from draft through sending to receipts that bring the goods into stock.")
public class PurchaseOrderResource {

    public static final String TEXT_CSV = "text/csv";

    /** A receipt, the order as it stands after it, and whether this answer replays an earlier request. */
    public record ReceiptResponse(ReceiptView receipt, PurchaseOrderView order, boolean replayed) {
    }

    private final PurchaseOrderService orders;
    private final PurchaseOrderCsv csv;
    private final SecurityIdentity identity;

    public PurchaseOrderResource(PurchaseOrderService orders, PurchaseOrderCsv csv, SecurityIdentity identity) {
        this.orders = orders;
        this.csv = csv;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "createPurchaseOrder", summary = "Draft a purchase order", description = "A draft order to a supplier for delivery to a location; a line without `unitCost` takes the supplier item's. Quantities must meet the supplier's minimum and multiple (422 naming the line otherwise).")
    @APIResponse(responseCode = "201", description = "The draft, with its number.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PurchaseOrderView.class)))
    public Uni<RestResponse<PurchaseOrderView>> create(@Valid @NotNull PurchaseOrderRequest request) {
        return orders.create(request, Actor.of(identity))
                .map(order -> RestResponse.status(RestResponse.Status.CREATED, order));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPurchaseOrders", summary = "List purchase orders", description = "Newest first, narrowed by `status` and `supplier`; `page` and `limit` (at most 100) page through them.")
    public Uni<List<PurchaseOrderView>> list(
            @Parameter(schema = @Schema(implementation = PurchaseOrderStatus.class)) @RestQuery String status,
            @RestQuery String supplier,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @RestQuery String page,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100")) @RestQuery String limit) {
        return orders.list(QueryParams.oneOf("status", status, PurchaseOrderStatus.class), supplier,
                QueryParams.whole("page", page, 0, 0, Integer.MAX_VALUE), QueryParams.limit(limit, 50, 100));
    }

    /**
     * The order as JSON, or as CSV (one row per line, the order's facts repeated) when the caller asks for
     * {@code text/csv} rather than JSON: for a spreadsheet or the supplier.
     */
    @GET
    @Path("/{number}")
    @Operation(operationId = "getPurchaseOrder", summary = "Get a purchase order", description = "The order as JSON, or as CSV (one row per line) when `Accept` asks for `text/csv` rather than JSON; 404 when there is no such order.")
    @APIResponse(responseCode = "200", description = "The order.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseOrderView.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CSV })
    public Uni<RestResponse<Object>> get(@RestPath String number, @RestHeader("Accept") String accept) {
        boolean asCsv = accept != null && accept.contains(TEXT_CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        return orders.get(number).map(order -> asCsv
                ? RestResponse.ResponseBuilder.ok((Object) csv.write(order), TEXT_CSV)
                        .header("Content-Disposition", "attachment; filename=\"" + order.number() + ".csv\"").build()
                : RestResponse.ResponseBuilder.ok((Object) order, MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("/{number}/send")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "sendPurchaseOrder", summary = "Send a purchase order", description = "Commits the draft to the supplier: its lines become incoming stock at the location; 409 when it is not a draft.")
    public Uni<PurchaseOrderView> send(@RestPath String number) {
        return orders.send(number, Actor.of(identity));
    }

    @POST
    @Path("/{number}/close")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "closePurchaseOrder", summary = "Close a purchase order", description = "Ends the order: what never arrived is recorded as the supplier's shortage and is no longer incoming; 409 when its status does not allow it.")
    public Uni<PurchaseOrderView> close(@RestPath String number) {
        return orders.close(number, Actor.of(identity));
    }

    @POST
    @Path("/{number}/cancel")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "cancelPurchaseOrder", summary = "Cancel a purchase order", description = "Cancels a draft, or a sent order before anything arrived (its incoming is cleared); 409 otherwise.")
    public Uni<PurchaseOrderView> cancel(@RestPath String number) {
        return orders.cancel(number, Actor.of(identity));
    }

    /** 201 for a new receipt; the same Idempotency-Key again answers 200 with the first receipt and changes nothing. */
    @POST
    @Path("/{number}/receipts")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "receivePurchaseOrder", summary = "Receive goods against a purchase order", description = "Books what arrived (RECEIPT movements, damaged units to damaged, lots and expiry for lot-tracked items) and updates the order. Needs an `Idempotency-Key`: the same key again answers 200 with the first receipt and changes nothing.")
    @APIResponse(responseCode = "201", description = "Received: the receipt and the order after it.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReceiptResponse.class)))
    @APIResponse(responseCode = "200", description = "The key was used already: the first receipt, with `replayed`.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReceiptResponse.class)))
    public Uni<RestResponse<ReceiptResponse>> receive(@RestPath String number,
            @RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull ReceiptRequest request) {
        return orders.receive(number, request, Headers.requireIdempotencyKey(idempotencyKey), Actor.of(identity))
                .map(received -> RestResponse.status(received.replayed() ? RestResponse.Status.OK : RestResponse.Status.CREATED,
                        new ReceiptResponse(received.receipt(), received.order(), received.replayed())));
    }

    @GET
    @Path("/{number}/receipts")
    @Operation(operationId = "listPurchaseOrderReceipts", summary = "List a purchase order's receipts", description = "Every receipt booked against the order, oldest first.")
    public Uni<List<ReceiptView>> receipts(@RestPath String number) {
        return orders.receipts(number);
    }
}
