package io.stockline.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.platform.sql.NativeSql;

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
        return NativeSql.of("INSERT INTO stock_level (sku, location) VALUES (:sku, :location) ON CONFLICT DO NOTHING")
                .set("sku", sku).set("location", location)
                .update()
                .replaceWithVoid();
    }

    /**
     * Adds {@code delta} to the balance if no state would fall below zero; returns the new balance, or
     * null when the guard refused the change (nothing changed then).
     */
    public Uni<StockLevel> apply(String sku, String location, StockState delta, boolean backorderAllowed) {
        return NativeSql.of(APPLY)
                .set("sku", sku).set("location", location)
                .set("backorderAllowed", backorderAllowed)
                .set("onHand", delta.onHand()).set("available", delta.available())
                .set("committed", delta.committed()).set("reserved", delta.reserved())
                .set("damaged", delta.damaged()).set("qualityControl", delta.qualityControl())
                .set("safetyStock", delta.safetyStock()).set("incoming", delta.incoming())
                .set("inTransit", delta.inTransit())
                .first(StockRepository::toStockLevel);
    }

    public Uni<StockLevel> find(String sku, String location) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM stock_level WHERE sku = :sku AND location = :location")
                .set("sku", sku).set("location", location)
                .first(StockRepository::toStockLevel);
    }

    /** Reads the balance and locks it until the transaction ends, for a change computed from it (a count). */
    public Uni<StockLevel> lock(String sku, String location) {
        return ensureRow(sku, location).chain(() -> NativeSql.of(
                "SELECT " + COLUMNS + " FROM stock_level WHERE sku = :sku AND location = :location FOR UPDATE")
                .set("sku", sku).set("location", location)
                .rows())
                .map(rows -> rows.isEmpty() ? null : toStockLevel(rows.get(0)));
    }

    /** The balances of several SKUs, read in one statement so they come from one snapshot. */
    public Uni<List<StockLevel>> findBySkus(java.util.Collection<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return NativeSql.of("SELECT " + COLUMNS
                + " FROM stock_level WHERE sku = ANY(CAST(:skus AS text[])) ORDER BY location, sku")
                .set("skus", skus.toArray(String[]::new))
                .list(StockRepository::toStockLevel);
    }

    public Uni<List<StockLevel>> findBySku(String sku) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM stock_level WHERE sku = :sku ORDER BY location")
                .set("sku", sku)
                .list(StockRepository::toStockLevel);
    }

    /**
     * Locations that fulfil orders and hold at least {@code quantity} available of the SKU, best first:
     * highest priority, then most available, then code, so that equal input gives equal choices.
     */
    public Uni<List<String>> locationsAbleToTake(String sku, long quantity) {
        return NativeSql.of("""
                SELECT s.location FROM stock_level s JOIN location l ON l.code = s.location
                WHERE s.sku = :sku AND s.available >= :quantity AND l.fulfils_orders
                ORDER BY l.priority DESC, s.available DESC, s.location""")
                .set("sku", sku).set("quantity", quantity)
                .column(String.class);
    }

    /**
     * The dropship suppliers' locations showing at least {@code quantity} available of the SKU, most available first
     * (then code), so that equal input gives equal choices.
     */
    public Uni<List<String>> supplierLocationsAbleToTake(String sku, long quantity) {
        return NativeSql.of("""
                SELECT s.location FROM stock_level s JOIN location l ON l.code = s.location
                WHERE s.sku = :sku AND s.available >= :quantity AND l.type = 'SUPPLIER'
                ORDER BY s.available DESC, s.location""")
                .set("sku", sku).set("quantity", quantity)
                .column(String.class);
    }

    /** One change of many, for {@link #applyAll}. */
    public record Change(String sku, String location, StockState delta, boolean backorderAllowed) {
    }

    /**
     * Creates the zero balances several first movements start from, in key order (so two bulk writers never wait
     * on each other in a circle).
     */
    public Uni<Void> ensureRows(List<String> skus, List<String> locations) {
        if (skus.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of("""
                INSERT INTO stock_level (sku, location)
                SELECT sku, location FROM unnest(CAST(:skus AS text[]), CAST(:locations AS text[])) AS k(sku, location)
                ORDER BY sku, location
                ON CONFLICT DO NOTHING""")
                .set("skus", skus.toArray(String[]::new))
                .set("locations", locations.toArray(String[]::new))
                .update()
                .replaceWithVoid();
    }

    /**
     * The balances of several (SKU, location) pairs, locked until the transaction ends when {@code lock} (in key
     * order, like {@link #ensureRows}), for changes computed from them (counts). Pairs without a balance are absent.
     */
    public Uni<List<StockLevel>> findAll(List<String> skus, List<String> locations, boolean lock) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "SELECT " + COLUMNS + " FROM stock_level WHERE (sku, location) IN (SELECT * FROM unnest("
                + "CAST(:skus AS text[]), CAST(:locations AS text[]))) ORDER BY sku, location"
                + (lock ? " FOR UPDATE" : "");
        return NativeSql.of(sql)
                .set("skus", skus.toArray(String[]::new))
                .set("locations", locations.toArray(String[]::new))
                .list(StockRepository::toStockLevel);
    }

    /**
     * {@link #apply} for many balances in one statement, each guarded as {@link #apply} guards one; one change per
     * (SKU, location). Returns the new balances of the changes the guard let through; a caller that needs all or
     * none compares the count.
     */
    public Uni<List<StockLevel>> applyAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = changes.size();
        String[] skus = new String[size];
        String[] locations = new String[size];
        Boolean[] backorder = new Boolean[size];
        Long[][] deltas = new Long[9][size];
        for (int i = 0; i < size; i++) {
            Change change = changes.get(i);
            skus[i] = change.sku();
            locations[i] = change.location();
            backorder[i] = change.backorderAllowed();
            StockState d = change.delta();
            long[] values = { d.onHand(), d.available(), d.committed(), d.reserved(), d.damaged(), d.qualityControl(),
                    d.safetyStock(), d.incoming(), d.inTransit() };
            for (int f = 0; f < 9; f++) {
                deltas[f][i] = values[f];
            }
        }
        NativeSql query = NativeSql.of("""
                    UPDATE stock_level s SET
                        on_hand = s.on_hand + d.on_hand, available = s.available + d.available,
                        committed = s.committed + d.committed, reserved = s.reserved + d.reserved,
                        damaged = s.damaged + d.damaged, quality_control = s.quality_control + d.quality_control,
                        safety_stock = s.safety_stock + d.safety_stock, incoming = s.incoming + d.incoming,
                        in_transit = s.in_transit + d.in_transit, version = s.version + 1, updated_at = now()
                    FROM unnest(CAST(:skus AS text[]), CAST(:locations AS text[]), CAST(:backorder AS boolean[]),
                                CAST(:d0 AS bigint[]), CAST(:d1 AS bigint[]), CAST(:d2 AS bigint[]), CAST(:d3 AS bigint[]),
                                CAST(:d4 AS bigint[]), CAST(:d5 AS bigint[]), CAST(:d6 AS bigint[]), CAST(:d7 AS bigint[]),
                                CAST(:d8 AS bigint[]))
                         AS d(sku, location, backorder, on_hand, available, committed, reserved, damaged,
                              quality_control, safety_stock, incoming, in_transit)
                    WHERE s.sku = d.sku AND s.location = d.location
                      AND (d.backorder OR s.available + d.available >= 0)
                      AND s.on_hand + d.on_hand >= 0 AND s.committed + d.committed >= 0
                      AND s.reserved + d.reserved >= 0 AND s.damaged + d.damaged >= 0
                      AND s.quality_control + d.quality_control >= 0 AND s.safety_stock + d.safety_stock >= 0
                      AND s.incoming + d.incoming >= 0 AND s.in_transit + d.in_transit >= 0
                    RETURNING s.sku, s.location, s.on_hand, s.available, s.committed, s.reserved, s.damaged,
                        s.quality_control, s.safety_stock, s.incoming, s.in_transit, s.version""")
                .set("skus", skus).set("locations", locations)
                .set("backorder", backorder);
        for (int f = 0; f < 9; f++) {
            query.set("d" + f, deltas[f]);
        }
        return query.list(StockRepository::toStockLevel);
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
