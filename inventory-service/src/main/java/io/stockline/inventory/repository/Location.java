package io.stockline.inventory.repository;

import java.time.OffsetDateTime;
import java.util.List;

import io.stockline.inventory.domain.LocationType;

/** A row of {@code location}; LocationRepository reads and writes it. */
public class Location {
    public String code;
    public String name;
    public LocationType type;
    public Double latitude;
    public Double longitude;
    public int priority;
    public boolean fulfilsOrders;
    /** ISO 3166-1 alpha-2 codes, comma separated; empty: ships anywhere. */
    public String countries = "";
    public long revision = 1;
    /** The dropship supplier whose availability this SUPPLIER location shows; null for every other type. */
    public String supplier;
    public OffsetDateTime createdAt;

    public List<String> countryList() {
        return countries == null || countries.isBlank() ? List.of() : List.of(countries.split(","));
    }

    public void countryList(List<String> codes) {
        countries = String.join(",", codes);
    }
}
