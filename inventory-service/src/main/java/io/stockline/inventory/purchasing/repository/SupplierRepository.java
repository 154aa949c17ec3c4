package io.stockline.inventory.purchasing.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SupplierRepository implements PanacheRepositoryBase<Supplier, String> {
}
