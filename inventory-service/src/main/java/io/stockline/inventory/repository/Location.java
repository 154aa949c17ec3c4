package io.stockline.inventory.repository;

import java.time.OffsetDateTime;

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
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
