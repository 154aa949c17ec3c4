package io.stockline.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ItemRepository implements PanacheRepositoryBase<Item, String> {

    public Uni<Item> findByBarcode(String barcode) {
        return find("select i from Item i join i.barcodes b where b = ?1", barcode).firstResult();
    }
}
