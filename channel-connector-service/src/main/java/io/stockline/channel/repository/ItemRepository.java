package io.stockline.channel.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.domain.ItemStatus;
import io.stockline.platform.sql.Rows;

/** Catalog status per SKU, from inventory.items. */
@ApplicationScoped
public class ItemRepository {

    /** Applies the item's status unless a newer or equal revision is already there; false when it was stale. */
    public Uni<Boolean> apply(ItemChanged event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO item_status (sku, status, revision) VALUES (:sku, :status, :revision)
                ON CONFLICT (sku) DO UPDATE SET status = EXCLUDED.status, revision = EXCLUDED.revision, updated_at = now()
                WHERE item_status.revision < EXCLUDED.revision""")
                .setParameter("sku", event.sku()).setParameter("status", event.status().name())
                .setParameter("revision", event.revision()).executeUpdate())
                .map(count -> count == 1);
    }

    /** The status of each of the SKUs inventory has said something about. */
    public Uni<Map<String, ItemStatus>> statuses(java.util.Collection<String> skus) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT sku, status FROM item_status WHERE sku = ANY(CAST(:skus AS text[]))", Object[].class)
                .setParameter("skus", skus.toArray(String[]::new)).getResultList())
                .map(ItemRepository::byKey);
    }

    /** The SKUs that are not ACTIVE, with their status. */
    public Uni<Map<String, ItemStatus>> inactive() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT sku, status FROM item_status WHERE status <> 'ACTIVE'", Object[].class).getResultList())
                .map(ItemRepository::byKey);
    }

    private static Map<String, ItemStatus> byKey(List<Object[]> rows) {
        Map<String, ItemStatus> statuses = new HashMap<>();
        rows.forEach(row -> statuses.put(Rows.text(row[0]), ItemStatus.valueOf(Rows.text(row[1]))));
        return statuses;
    }
}
