package io.stockline.allocation.domain;

import java.util.List;

/**
 * What routing needs to know of a location (inventory's LocationChangedV1). {@code countries} empty means it
 * ships anywhere; no coordinates means its distance is unknown, so it comes after every location whose is known.
 */
public record FulfilmentLocation(String code, Double latitude, Double longitude, int priority, boolean fulfilsOrders,
        List<String> countries) {

    public FulfilmentLocation {
        countries = countries == null ? List.of() : List.copyOf(countries);
    }

    /** A location inventory has not described yet: ships orders, anywhere, priority 0, place unknown. */
    public static FulfilmentLocation unknown(String code) {
        return new FulfilmentLocation(code, null, null, 0, true, List.of());
    }

    public boolean shipsTo(String country) {
        return country == null || countries.isEmpty() || countries.stream().anyMatch(country::equalsIgnoreCase);
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
