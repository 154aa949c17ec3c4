package io.stockline.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LocationRepository implements PanacheRepositoryBase<Location, String> {

    /** The SUPPLIER location showing the dropship supplier's availability, or null before it has one. */
    public Uni<Location> findBySupplier(String supplier) {
        return find("supplier", supplier).firstResult();
    }
}
