package io.stockline.inventory.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.LotQuantity;

/** The lots of lot-tracked items, changed with on hand by the database function apply_lot_change (V4). */
@ApplicationScoped
public class LotRepository {

    /**
     * Applies an on-hand change to the item's lots at the location in the caller's transaction; returns the lots
     * held afterwards, or null when the item is not lot-tracked.
     */
    public Uni<List<LotQuantity>> applyOnHandChange(String sku, String location, String lot, LocalDate expiresOn,
            long onHandChange) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT lot, expires_on, on_hand FROM apply_lot_change(:sku, :location, :lot, :expiresOn, :quantity)",
                Object[].class)
                .setParameter("sku", sku).setParameter("location", location).setParameter("lot", lot)
                .setParameter("expiresOn", expiresOn).setParameter("quantity", onHandChange)
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    List<LotQuantity> lots = new ArrayList<>();
                    for (Object[] row : rows) {
                        if (row[0] != null) {
                            lots.add(new LotQuantity((String) row[0], toDate(row[1]), ((Number) row[2]).longValue()));
                        }
                    }
                    return lots;
                });
    }

    public Uni<List<LotQuantity>> lots(String sku, String location) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT lot, expires_on, on_hand FROM lot_balance
                WHERE sku = :sku AND location = :location AND on_hand > 0
                ORDER BY expires_on NULLS LAST, lot""", Object[].class)
                .setParameter("sku", sku).setParameter("location", location)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new LotQuantity((String) row[0], toDate(row[1]), ((Number) row[2]).longValue()))
                        .toList());
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
