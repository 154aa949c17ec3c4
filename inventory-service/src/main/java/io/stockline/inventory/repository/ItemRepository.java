package io.stockline.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ItemRepository implements PanacheRepositoryBase<Item, String> {

    public Uni<java.util.List<Item>> findByProduct(String product) {
        return list("product = ?1 order by sku", product);
    }

    public Uni<Item> findVariant(String product, String optionsJson) {
        return find("product = ?1 and optionsJson = ?2", product, optionsJson).firstResult();
    }

    /** The item one of {@code forms} (a code and its equivalent GTIN lengths, see Gtin.forms) belongs to. */
    public Uni<Item> findByBarcode(java.util.List<String> forms) {
        return find("select i from Item i join i.barcodes b where b in ?1", forms).firstResult();
    }
}
