package io.stockline.inventory.lots.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.lots.service.LotExpiry;
import io.stockline.inventory.lots.service.LotService;
import io.stockline.inventory.repository.LotRepository.HeldLot;
import io.stockline.platform.security.Roles;

@Path("/api/v1")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Lots", description = "Lots of lot-tracked items: where they are, their expiry, and recalls.")
public class LotResource {

    private final LotService lots;
    private final LotExpiry expiry;

    public LotResource(LotService lots, LotExpiry expiry) {
        this.lots = lots;
        this.expiry = expiry;
    }

    @GET
    @Path("/items/{sku}/lots")
    @Operation(operationId = "listLots", summary = "List an item's lots",
            description = "Every lot of a lot-tracked item held anywhere, soonest to expire first, with the units on "
                    + "hand and how many of them expired (out of available, in quality control).")
    @APIResponse(responseCode = "200", description = "The lots held")
    public Uni<List<HeldLot>> lots(@RestPath String sku) {
        return lots.held(sku);
    }

    @GET
    @Path("/items/{sku}/lots/{lot}")
    @Operation(operationId = "recallLot", summary = "Trace a lot (recall)",
            description = "Where the lot is now, every ledger movement of it, and the orders and sales it shipped "
                    + "to (`shipped`: COMMIT movements name the order of the reservation, SALE movements their reference).")
    @APIResponse(responseCode = "200", description = "The lot's trace")
    public Uni<LotService.Recall> recall(@RestPath String sku, @RestPath String lot) {
        return lots.recall(sku, lot);
    }

    @POST
    @Path("/lots/expire")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "expireLots", summary = "Expire the lots due today now",
            description = "Runs the lot-expiry job now (it also runs every `stockline.lots.expiry-check`): every lot whose "
                    + "expiry date has come leaves available by an EXPIRY movement into quality control, as many units "
                    + "as are available; units already held for orders are reported as `heldForOrders`.")
    @APIResponse(responseCode = "200", description = "What each due lot came to")
    public Uni<LotExpiry.Run> expire() {
        return expiry.run();
    }
}
