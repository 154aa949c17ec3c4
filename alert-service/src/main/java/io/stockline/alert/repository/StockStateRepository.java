package io.stockline.alert.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.StockChanged;
import io.stockline.platform.events.StockNumbers;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** The last figures per (SKU, location) and their lots. */
@ApplicationScoped
public class StockStateRepository {

    /** The figure before this event; previousAvailable is null when none was seen yet. */
    public record Previous(Long previousAvailable) {
    }

    public record StockSubject(String sku, String location) {
    }

    /**
     * Takes the row for this (SKU, location) under lock; null when the event is not newer than what was seen. An event
     * more than {@code maxVersionJump} past the stored version is refused as poison (its transaction rolls back).
     */
    public Uni<Previous> lockIfNewer(StockChanged event, long maxVersionJump) {
        return NativeSql.of("""
                INSERT INTO stock_state (sku, location, available, version) VALUES (:sku, :location, :available, 0)
                ON CONFLICT (sku, location) DO UPDATE SET updated_at = now()
                RETURNING version, available""")
                .set("sku", event.sku()).set("location", event.location())
                .set("available", event.available())
                .rows().map(rows -> rows.get(0))
                .map(row -> {
                    long version = ((Number) row[0]).longValue();
                    if (version >= event.version()) {
                        return null;
                    }
                    StockNumbers.requireNoLeap(event.sku(), event.location(), event.version(), version == 0 ? null : version,
                            maxVersionJump);
                    return new Previous(version == 0 ? null : ((Number) row[1]).longValue());
                });
    }

    public Uni<Void> update(StockChanged event) {
        return NativeSql.of("""
                UPDATE stock_state SET available = :available, version = :version
                WHERE sku = :sku AND location = :location""")
                .set("sku", event.sku()).set("location", event.location())
                .set("available", event.available()).set("version", event.version())
                .update()
                .replaceWithVoid();
    }

    /** The available figure of a (SKU, location) seen at least once, locked against events; null otherwise. */
    public Uni<Long> lockAvailable(String sku, String location) {
        return NativeSql.of("""
                SELECT available FROM stock_state WHERE sku = :sku AND location = :location AND version > 0
                FOR UPDATE""")
                .set("sku", sku).set("location", location)
                .first(row -> Rows.longValue(row[0]));
    }

    public Uni<Void> replaceLots(String sku, String location, List<StockChanged.Lot> lots) {
        Uni<Void> chain = NativeSql.of(
                "DELETE FROM lot_state WHERE sku = :sku AND location = :location")
                .set("sku", sku).set("location", location).update().replaceWithVoid();
        for (StockChanged.Lot lot : lots) {
            chain = chain.chain(() -> NativeSql.of("""
                    INSERT INTO lot_state (sku, location, lot, expires_on, quantity)
                    VALUES (:sku, :location, :lot, CAST(:expiresOn AS date), :quantity)
                    ON CONFLICT (sku, location, lot) DO UPDATE
                    SET quantity = lot_state.quantity + EXCLUDED.quantity""")
                    .set("sku", sku).set("location", location).set("lot", lot.lot())
                    .set("expiresOn", lot.expiresOn())
                    .set("quantity", lot.quantity())
                    .update()).replaceWithVoid();
        }
        return chain;
    }

    public Uni<List<StockChanged.Lot>> lots(String sku, String location) {
        return NativeSql.of("""
                SELECT lot, expires_on, quantity FROM lot_state WHERE sku = :sku AND location = :location
                ORDER BY lot""")
                .set("sku", sku).set("location", location)
                .rows()
                .map(rows -> {
                    List<StockChanged.Lot> lots = new ArrayList<>();
                    for (Object[] row : rows) {
                        lots.add(new StockChanged.Lot((String) row[0], Rows.date(row[1]), ((Number) row[2]).longValue()));
                    }
                    return lots;
                });
    }

    /** Every (SKU, location) with a dated lot on hand or an expiry alert open: what the expiry sweep looks at. */
    public Uni<List<StockSubject>> withDatedLots() {
        return NativeSql.of("""
                SELECT sku, location FROM lot_state WHERE expires_on IS NOT NULL AND quantity > 0
                UNION
                SELECT sku, location FROM alert_state WHERE kind = 'NEAR_EXPIRY' AND (open_alert_id IS NOT NULL OR pending)
                ORDER BY 1, 2""")
                .list(row -> new StockSubject((String) row[0], (String) row[1]));
    }
}
