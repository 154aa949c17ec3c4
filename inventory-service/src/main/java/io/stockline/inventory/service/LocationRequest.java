package io.stockline.inventory.service;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.domain.LocationType;
import io.stockline.inventory.repository.Location;
import io.stockline.platform.problem.RuleViolation;

/** POST /api/v1/locations */
public record LocationRequest(
        @NotBlank @Size(max = 64) String code,
        @NotBlank @Size(max = 300) String name,
        @NotNull LocationType type,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        Integer priority,
        Boolean fulfilsOrders,
        @Size(max = 250) List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String> countries) {

    /**
     * Refuses a SUPPLIER location, or a code of the form such a location takes: a dropship supplier's location is
     * made by its first availability, so that it is tied to the supplier and fulfils no orders; one made by POST
     * /locations or an import would be neither, and one holding a supplier's code would refuse that supplier's
     * availability.
     */
    public LocationRequest requireOwnStock() {
        if (!type.holdsOwnStock()) {
            throw RuleViolation.unprocessable("type", "a SUPPLIER location is made by setting a dropship supplier's"
                    + " availability (PUT /api/v1/suppliers/{code}/items/{sku}/availability)");
        }
        if (code.startsWith(StockRules.SUPPLIER_LOCATION_PREFIX)) {
            throw RuleViolation.unprocessable("code", "codes starting " + StockRules.SUPPLIER_LOCATION_PREFIX
                    + " are kept for dropship suppliers' locations");
        }
        return this;
    }

    /** The location this request creates: POST /locations and the locations import make the same one. */
    public Location toLocation() {
        Location location = new Location();
        location.code = code;
        location.name = name;
        location.type = type;
        location.latitude = latitude;
        location.longitude = longitude;
        location.priority = priority == null ? 0 : priority;
        location.fulfilsOrders = !Boolean.FALSE.equals(fulfilsOrders);
        location.countryList(countries == null ? List.of() : countries.stream().distinct().sorted().toList());
        return location;
    }

    /** PATCH /api/v1/locations/{code}: the fields given change, the others stay. */
    public record Change(
            @Size(min = 1, max = 300) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String name,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            Integer priority,
            Boolean fulfilsOrders,
            @Size(max = 250) List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String> countries) {
    }
}
