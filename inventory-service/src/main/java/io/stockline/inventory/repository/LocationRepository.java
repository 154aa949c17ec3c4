package io.stockline.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LocationRepository implements PanacheRepositoryBase<Location, String> {
}
