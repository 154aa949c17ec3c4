package io.stockline.inventory.purchasing.repository;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * What each supplier sells us, in SQL. What it returns is plain data: a change to an item is stored only when the
 * caller passes it to {@link #put}, in its transaction.
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

    /**
     * Stores the item as the supplier's offer of its SKU, in one statement: inserted, or the existing row of the
     * (supplier, SKU) pair replaced (two first requests for one pair at once both succeed, the later one's fields
     * kept, instead of one failing on the unique key). Puts the row's id on the object.
     */
    public Uni<SupplierItem> put(SupplierItem item) {
        return NativeSql.of("""
                INSERT INTO supplier_item (supplier, sku, supplier_sku, unit_cost, pack_size)
                VALUES (:supplier, :sku, :supplierSku, :unitCost, :packSize)
                ON CONFLICT (supplier, sku) DO UPDATE SET supplier_sku = EXCLUDED.supplier_sku,
                    unit_cost = EXCLUDED.unit_cost, pack_size = EXCLUDED.pack_size
                RETURNING id""")
                .set("supplier", item.supplier).set("sku", item.sku).set("supplierSku", item.supplierSku)
                .set("unitCost", item.unitCost).set("packSize", item.packSize)
                .first(row -> {
                    item.id = Rows.longValue(row[0]);
                    return item;
                });
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
