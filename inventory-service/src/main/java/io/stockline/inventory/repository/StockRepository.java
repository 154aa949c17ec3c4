package io.stockline.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;

/** The SQL that guards stock: every change is one conditional UPDATE whose row count says if it held. */
@ApplicationScoped
public class StockRepository {

    private static final String COLUMNS = "sku, location, on_hand, available, committed, reserved, damaged, "
            + "quality_control, safety_stock, incoming, in_transit, version";

    private static final String APPLY = """
            UPDATE stock_level SET
                on_hand = on_hand + :onHand, available = available + :available, committed = committed + :committed,
                reserved = reserved + :reserved, damaged = damaged + :damaged,
                quality_control = quality_control + :qualityControl, safety_stock = safety_stock + :safetyStock,
                incoming = incoming + :incoming, in_transit = in_transit + :inTransit,
                version = version + 1, updated_at = now()
            WHERE sku = :sku AND location = :location
              AND (:backorderAllowed OR available + :available >= 0)
              AND on_hand + :onHand >= 0 AND committed + :committed >= 0 AND reserved + :reserved >= 0
              AND damaged + :damaged >= 0 AND quality_control + :qualityControl >= 0
              AND safety_stock + :safetyStock >= 0 AND incoming + :incoming >= 0 AND in_transit + :inTransit >= 0
            RETURNING\s""" + COLUMNS;

    /** Creates the zero balance a first movement at a location starts from. */
    public Uni<Void> ensureRow(String sku, String location) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO stock_level (sku, location) VALUES (:sku, :location) ON CONFLICT DO NOTHING")
                .setParameter("sku", sku).setParameter("location", location)
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Adds {@code delta} to the balance if no state would fall below zero; returns the new balance, or
     * null when the guard refused the change (nothing changed then).
     */
    public Uni<StockLevel> apply(String sku, String location, StockState delta, boolean backorderAllowed) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(APPLY, Object[].class)
                .setParameter("sku", sku).setParameter("location", location)
                .setParameter("backorderAllowed", backorderAllowed)
                .setParameter("onHand", delta.onHand()).setParameter("available", delta.available())
                .setParameter("committed", delta.committed()).setParameter("reserved", delta.reserved())
                .setParameter("damaged", delta.damaged()).setParameter("qualityControl", delta.qualityControl())
                .setParameter("safetyStock", delta.safetyStock()).setParameter("incoming", delta.incoming())
                .setParameter("inTransit", delta.inTransit())
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : toStockLevel(rows.get(0)));
    }

    public Uni<StockLevel> find(String sku, String location) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM stock_level WHERE sku = :sku AND location = :location",
                        Object[].class)
                .setParameter("sku", sku).setParameter("location", location)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : toStockLevel(rows.get(0)));
    }

    /** Reads the balance and locks it until the transaction ends, for a change computed from it (a count). */
    public Uni<StockLevel> lock(String sku, String location) {
        return ensureRow(sku, location).chain(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM stock_level WHERE sku = :sku AND location = :location FOR UPDATE",
                        Object[].class)
                .setParameter("sku", sku).setParameter("location", location)
                .getResultList()))
                .map(rows -> rows.isEmpty() ? null : toStockLevel(rows.get(0)));
    }

    /** The balances of several SKUs, read in one statement so they come from one snapshot. */
    public Uni<List<StockLevel>> findBySkus(java.util.Collection<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM stock_level WHERE sku IN (:skus) ORDER BY location, sku",
                        Object[].class)
                .setParameter("skus", skus)
                .getResultList())
                .map(rows -> rows.stream().map(StockRepository::toStockLevel).toList());
    }

    public Uni<List<StockLevel>> findBySku(String sku) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM stock_level WHERE sku = :sku ORDER BY location",
                        Object[].class)
                .setParameter("sku", sku)
                .getResultList())
                .map(rows -> rows.stream().map(StockRepository::toStockLevel).toList());
    }

    /**
     * Locations that fulfil orders and hold at least {@code quantity} available of the SKU, best first:
     * highest priority, then most available, then code, so that equal input gives equal choices.
     */
    public Uni<List<String>> locationsAbleToTake(String sku, long quantity) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT s.location FROM stock_level s JOIN location l ON l.code = s.location
                WHERE s.sku = :sku AND s.available >= :quantity AND l.fulfils_orders
                ORDER BY l.priority DESC, s.available DESC, s.location""", String.class)
                .setParameter("sku", sku).setParameter("quantity", quantity)
                .getResultList());
    }

    /**
     * The dropship suppliers' locations showing at least {@code quantity} available of the SKU, most available first
     * (then code), so that equal input gives equal choices.
     */
    public Uni<List<String>> supplierLocationsAbleToTake(String sku, long quantity) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT s.location FROM stock_level s JOIN location l ON l.code = s.location
                WHERE s.sku = :sku AND s.available >= :quantity AND l.type = 'SUPPLIER'
                ORDER BY s.available DESC, s.location""", String.class)
                .setParameter("sku", sku).setParameter("quantity", quantity)
                .getResultList());
    }

    private static StockLevel toStockLevel(Object[] row) {
        return new StockLevel((String) row[0], (String) row[1],
                new StockState(asLong(row[2]), asLong(row[3]), asLong(row[4]), asLong(row[5]), asLong(row[6]),
                        asLong(row[7]), asLong(row[8]), asLong(row[9]), asLong(row[10])),
                asLong(row[11]));
    }

    static long asLong(Object value) {
        return ((Number) value).longValue();
    }
}
