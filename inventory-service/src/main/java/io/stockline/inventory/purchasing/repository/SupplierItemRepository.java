package io.stockline.inventory.purchasing.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SupplierItemRepository implements PanacheRepositoryBase<SupplierItem, Long> {

    public Uni<SupplierItem> find(String supplier, String sku) {
        return find("supplier = ?1 and sku = ?2", supplier, sku).firstResult();
    }

    public Uni<List<SupplierItem>> ofSupplier(String supplier) {
        return list("supplier", Sort.by("sku"), supplier);
    }
}
