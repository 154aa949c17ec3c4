package io.stockline.inventory.availability.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.availability.domain.Availability;
import io.stockline.inventory.availability.domain.Confidence;
import io.stockline.inventory.availability.service.AvailabilityService;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/** "Is it in stock, and when does it come back?", for a support tool or a chatbot. */
@Path("/api/v1/availability")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Availability", description = "Is an item in stock, where, and when will it be back.")
public class AvailabilityResource {

    /** Units available now at one location. */
    public record LocationResponse(String location, long available) {
    }

    /**
     * One source of the units on their way: a purchase order or a transfer (its number), or a new order from a supplier
     * (its code), placed by the reorder policy at a location or asked of the quickest supplier; the units, the day they
     * are due, what the day rests on, and the units there by that day.
     */
    public record SupplyResponse(String source, String reference, String location, long quantity, LocalDate expectedOn,
            boolean late, String basis, long cumulative) {
    }

    public record AvailabilityResponse(String sku, String location, long quantity, boolean inStock, long available,
            List<LocationResponse> locations, LocalDate expectedOn, long expectedQuantity, Confidence confidence,
            List<SupplyResponse> supply) {
    }

    private final AvailabilityService availability;

    public AvailabilityResource(AvailabilityService availability) {
        this.availability = availability;
    }

    @GET
    @Path("/{sku}")
    @Operation(operationId = "getAvailability", summary = "Is it in stock, and when does it come back?",
            description = "Viewer. In stock when the units available (at `location`, else at every location) reach "
                    + "`quantity` (default 1): confidence HIGH, with where they are. Otherwise the open purchase orders "
                    + "(SENT or PARTIALLY_RECEIVED) and transfers in transit to the location(s), earliest first, until "
                    + "the quantity is covered: `expectedOn` is the day the last one needed is due, confidence MEDIUM "
                    + "when every date is an expected date or a measured lead or transit time, LOW when one is nominal. "
                    + "Not covered by open supply: the next order of the reorder policy planning keeps for the item at "
                    + "the location (`source` REORDER_POLICY, `reference` its supplier, `location` the policy's; every "
                    + "location's policy when no `location` is given, the earliest wins): it orders today when available "
                    + "there is at or under its reorder point, else on the day its daily demand forecast brings available "
                    + "down to the point (days rounded up), and the order is due after the policy's lead time (`basis` "
                    + "MEASURED_LEAD_TIME: measured over the supplier's receipts, confidence MEDIUM when every open date "
                    + "used is measured too; SUPPLIER_LEAD_TIME: nominal, confidence LOW). No policy, or one forecasting "
                    + "no demand while above its point: today plus the quickest supplier's lead time (measured, else "
                    + "nominal, `source` SUPPLIER), confidence LOW; no supplier: UNKNOWN and no date. Dates are UTC days.")
    @APIResponse(responseCode = "200", description = "The answer")
    @APIResponse(responseCode = "400", description = "`quantity` is not a whole number of at least 1 (field quantity)")
    @APIResponse(responseCode = "404", description = "No item with that SKU (field sku), or no such location (field location)")
    public Uni<AvailabilityResponse> get(@RestPath String sku,
            @Parameter(description = "Only this location (default: every location)") @RestQuery String location,
            @Parameter(description = "Units wanted, at least 1 (default 1)") @RestQuery String quantity) {
        long wanted = quantity(quantity);
        String only = location == null || location.isBlank() ? null : location.strip();
        return availability.answer(sku, only, wanted).map(a -> response(sku, only, a));
    }

    private static long quantity(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            long quantity = Long.parseLong(value.strip());
            if (quantity >= 1) {
                return quantity;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other quantity below 1
        }
        throw RuleViolation.invalidQuery("quantity", "a whole number of at least 1, not " + value);
    }

    private static AvailabilityResponse response(String sku, String location, Availability.Answer a) {
        return new AvailabilityResponse(sku, location, a.quantity(), a.inStock(), a.available(),
                a.locations().stream().map(l -> new LocationResponse(l.location(), l.available())).toList(),
                a.expectedOn(), a.expectedQuantity(), a.confidence(),
                a.supply().stream().map(d -> new SupplyResponse(d.supply().source().name(), d.supply().reference(),
                        d.supply().location(), d.supply().quantity(), d.on(), d.late(), d.supply().basis().name(),
                        d.cumulative())).toList());
    }
}
