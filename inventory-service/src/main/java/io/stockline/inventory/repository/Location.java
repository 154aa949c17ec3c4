package io.stockline.inventory.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.stockline.inventory.domain.LocationType;

@Entity
@Table(name = "location")
public class Location {
    @Id
    public String code;
    public String name;
    @Enumerated(EnumType.STRING)
    public LocationType type;
    public Double latitude;
    public Double longitude;
    public int priority;
    @Column(name = "fulfils_orders")
    public boolean fulfilsOrders;
    /** ISO 3166-1 alpha-2 codes, comma separated; empty: ships anywhere. */
    public String countries = "";
    public long revision = 1;
    /** The dropship supplier whose availability this SUPPLIER location shows; null for every other type. */
    public String supplier;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public List<String> countryList() {
        return countries == null || countries.isBlank() ? List.of() : List.of(countries.split(","));
    }

    public void countryList(List<String> codes) {
        countries = String.join(",", codes);
    }
}
