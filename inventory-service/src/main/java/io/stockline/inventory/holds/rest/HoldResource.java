package io.stockline.inventory.holds.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.holds.service.HoldService;
import io.stockline.inventory.holds.service.TargetRequest;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.security.Roles;

/**
 * Admins set aside stock by hand: a manual hold ({@code reserved}) and a safety stock per SKU and location. Both
 * leave {@code available}, the quantity sold and pushed to channels.
 */
@Path("/api/v1/stock/{sku}/locations/{code}")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Holds", description = "Stock set aside by hand (manual holds) and safety stock: out of available, so never sold or pushed.")
public class HoldResource {

    public record HeldStock(String sku, String location, long onHand, long available, long reserved, long safetyStock,
            long version) {

        static HeldStock of(StockLevel level) {
            StockState s = level.state();
            return new HeldStock(level.sku(), level.location(), s.onHand(), s.available(), s.reserved(),
                    s.safetyStock(), level.version());
        }
    }

    private final HoldService holds;
    private final SecurityIdentity identity;

    public HoldResource(HoldService holds, SecurityIdentity identity) {
        this.holds = holds;
        this.identity = identity;
    }

    /** Sets the units held by hand to {@code quantity} (0 releases them). */
    @PUT
    @Path("/hold")
    @Operation(operationId = "holdStock", summary = "Hold stock by hand", description = "Sets the units of the SKU held by hand at the location to `quantity` (0 releases them all), moving them between available and reserved; 409 when fewer are available than the hold needs.")
    public Uni<HeldStock> hold(@RestPath String sku, @RestPath String code, @Valid @NotNull TargetRequest request) {
        return holds.set(HoldService.Kind.HOLD, sku, code, request, Actor.of(identity)).map(HeldStock::of);
    }

    /** Sets the safety stock to {@code quantity}: never sold, never pushed to channels. */
    @PUT
    @Path("/safety-stock")
    @Operation(operationId = "setSafetyStock", summary = "Set the safety stock", description = "Sets the safety stock of the SKU at the location to `quantity`: units never sold and never pushed to channels; 409 when fewer are available than it needs.")
    public Uni<HeldStock> safetyStock(@RestPath String sku, @RestPath String code,
            @Valid @NotNull TargetRequest request) {
        return holds.set(HoldService.Kind.SAFETY_STOCK, sku, code, request, Actor.of(identity)).map(HeldStock::of);
    }
}
