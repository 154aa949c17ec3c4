package io.stockline.inventory.purchasing.repository;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * What each supplier sells us, in SQL. What it returns is plain data: a change to an item is stored only when the
 * caller passes it to {@link #update}, in its transaction.
 */
@ApplicationScoped
public class SupplierItemRepository {

    private static final String COLUMNS = "id, supplier, sku, supplier_sku, unit_cost, pack_size";

    /** What the supplier sells us of the SKU, or null when it does not sell it. */
    public Uni<SupplierItem> find(String supplier, String sku) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM supplier_item WHERE supplier = :supplier AND sku = :sku")
                .set("supplier", supplier).set("sku", sku)
                .first(SupplierItemRepository::toItem);
    }

    /** Everything the supplier sells us, by SKU. */
    public Uni<List<SupplierItem>> ofSupplier(String supplier) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM supplier_item WHERE supplier = :supplier ORDER BY sku")
                .set("supplier", supplier)
                .list(SupplierItemRepository::toItem);
    }

    /** Inserts the item; the database picks its id, which this puts on the object. */
    public Uni<SupplierItem> persist(SupplierItem item) {
        return NativeSql.of("""
                INSERT INTO supplier_item (supplier, sku, supplier_sku, unit_cost, pack_size)
                VALUES (:supplier, :sku, :supplierSku, :unitCost, :packSize)
                RETURNING id""")
                .set("supplier", item.supplier).set("sku", item.sku).set("supplierSku", item.supplierSku)
                .set("unitCost", item.unitCost).set("packSize", item.packSize)
                .rows()
                .map(rows -> {
                    item.id = Rows.longValue(rows.get(0)[0]);
                    return item;
                });
    }

    /** Writes every column of the item but its id. */
    public Uni<Void> update(SupplierItem item) {
        return NativeSql.of("""
                UPDATE supplier_item SET supplier = :supplier, sku = :sku, supplier_sku = :supplierSku,
                    unit_cost = :unitCost, pack_size = :packSize
                WHERE id = :id""")
                .set("id", item.id).set("supplier", item.supplier).set("sku", item.sku)
                .set("supplierSku", item.supplierSku).set("unitCost", item.unitCost).set("packSize", item.packSize)
                .update()
                .replaceWithVoid();
    }

    private static SupplierItem toItem(Object[] row) {
        SupplierItem item = new SupplierItem();
        item.id = Rows.longValue(row[0]);
        item.supplier = Rows.text(row[1]);
        item.sku = Rows.text(row[2]);
        item.supplierSku = Rows.text(row[3]);
        item.unitCost = (BigDecimal) row[4];
        item.packSize = Rows.longValue(row[5]);
        return item;
    }
}
