package io.stockline.channel.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.domain.ItemStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Catalog status per SKU, from inventory.items. */
@ApplicationScoped
public class ItemRepository {

    /** Applies the item's status unless a newer or equal revision is already there; false when it was stale. */
    public Uni<Boolean> apply(ItemChanged event) {
        return NativeSql.of("""
                INSERT INTO item_status (sku, status, revision) VALUES (:sku, :status, :revision)
                ON CONFLICT (sku) DO UPDATE SET status = EXCLUDED.status, revision = EXCLUDED.revision, updated_at = now()
                WHERE item_status.revision < EXCLUDED.revision""")
                .set("sku", event.sku()).set("status", event.status().name())
                .set("revision", event.revision()).update()
                .map(count -> count == 1);
    }

    /** The status of each of the SKUs inventory has said something about. */
    public Uni<Map<String, ItemStatus>> statuses(java.util.Collection<String> skus) {
        return NativeSql.of("SELECT sku, status FROM item_status WHERE sku = ANY(CAST(:skus AS text[]))")
                .set("skus", skus.toArray(String[]::new)).rows()
                .map(ItemRepository::byKey);
    }

    /** The SKUs that are not ACTIVE, with their status. */
    public Uni<Map<String, ItemStatus>> inactive() {
        return NativeSql.of("SELECT sku, status FROM item_status WHERE status <> 'ACTIVE'").rows()
                .map(ItemRepository::byKey);
    }

    private static Map<String, ItemStatus> byKey(List<Object[]> rows) {
        Map<String, ItemStatus> statuses = new HashMap<>();
        rows.forEach(row -> statuses.put(Rows.text(row[0]), ItemStatus.valueOf(Rows.text(row[1]))));
        return statuses;
    }
}
