package io.stockline.inventory.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** One on-hand change of many, for {@link #applyOnHandChanges}. */
    public record LotChange(String sku, String location, String lot, LocalDate expiresOn, long onHandChange) {
    }

    /**
     * {@link #applyOnHandChange} for many (SKU, location) pairs in one statement, one change per pair; returns the
     * lots held afterwards by {@link #key} of the pair, absent for items that are not lot-tracked.
     */
    public Uni<Map<String, List<LotQuantity>>> applyOnHandChanges(List<LotChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int size = changes.size();
        String[] skus = new String[size];
        String[] locations = new String[size];
        String[] lots = new String[size];
        String[] expiries = new String[size];
        Long[] quantities = new Long[size];
        for (int i = 0; i < size; i++) {
            LotChange change = changes.get(i);
            skus[i] = change.sku();
            locations[i] = change.location();
            lots[i] = change.lot();
            expiries[i] = change.expiresOn() == null ? null : change.expiresOn().toString();
            quantities[i] = change.onHandChange();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT c.sku, c.location, l.lot, l.expires_on, l.on_hand
                FROM unnest(CAST(:skus AS text[]), CAST(:locations AS text[]), CAST(:lots AS text[]),
                            CAST(:expiries AS text[]), CAST(:quantities AS bigint[])) WITH ORDINALITY
                     AS c(sku, location, lot, expires_on, quantity, n)
                CROSS JOIN LATERAL apply_lot_change(c.sku, c.location, c.lot, CAST(c.expires_on AS date), c.quantity) l
                ORDER BY c.n""", Object[].class)
                .setParameter("skus", skus).setParameter("locations", locations).setParameter("lots", lots)
                .setParameter("expiries", expiries).setParameter("quantities", quantities)
                .getResultList())
                .map(rows -> {
                    Map<String, List<LotQuantity>> held = new HashMap<>();
                    for (Object[] row : rows) {
                        List<LotQuantity> lotsHeld = held.computeIfAbsent(key((String) row[0], (String) row[1]),
                                k -> new ArrayList<>());
                        if (row[2] != null) {
                            lotsHeld.add(new LotQuantity((String) row[2], toDate(row[3]), ((Number) row[4]).longValue()));
                        }
                    }
                    return held;
                });
    }

    /** The key of a (SKU, location) pair in the answer of {@link #applyOnHandChanges}. */
    public static String key(String sku, String location) {
        return sku + '\u0000' + location;
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
