package io.stockline.inventory.dropship.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.dropship.domain.SupplierAvailabilityView;
import io.stockline.inventory.dropship.service.AvailabilityRequest;
import io.stockline.inventory.dropship.service.DropshipService;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.security.Roles;

/** Admins set what a dropship supplier can ship, as they set what it sells us. */
@Path("/api/v1/suppliers/{code}/items/{sku}/availability")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Dropship", description = "Items a supplier ships for us: its availability, sold on every channel, and the"
        + " order requests reservations send it.")
public class SupplierAvailabilityResource {

    private final DropshipService dropship;
    private final SecurityIdentity identity;

    public SupplierAvailabilityResource(DropshipService dropship, SecurityIdentity identity) {
        this.dropship = dropship;
        this.identity = identity;
    }

    @PUT
    @Operation(operationId = "setSupplierAvailability", summary = "Set a dropship supplier's availability of an item",
            description = "Admin. Sets the units the supplier can ship now of a DROPSHIP item it sells us; they show as"
                    + " `available` at the supplier's location `SUPPLIER-{code}` (made on the first call, fulfilling no"
                    + " orders) and reach channels through `inventory.stock-changed` (movement SUPPLIER_AVAILABILITY)."
                    + " Units taken by open reservations stay taken. The same number again records nothing.")
    @APIResponse(responseCode = "200", description = "The availability as channels now see it.")
    @APIResponse(responseCode = "404", description = "No such supplier or item, or the supplier does not sell the item.")
    @APIResponse(responseCode = "422", description = "The item is not a DROPSHIP item.")
    public Uni<SupplierAvailabilityView> set(@RestPath String code, @RestPath String sku,
            @Valid @NotNull AvailabilityRequest request) {
        return dropship.setAvailability(code, sku, request, Actor.of(identity));
    }
}
