package io.stockline.alert.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.StockChanged;
import io.stockline.platform.events.StockNumbers;
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
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO stock_state (sku, location, available, version) VALUES (:sku, :location, :available, 0)
                ON CONFLICT (sku, location) DO UPDATE SET updated_at = now()
                RETURNING version, available""", Object[].class)
                .setParameter("sku", event.sku()).setParameter("location", event.location())
                .setParameter("available", event.available())
                .getSingleResult())
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
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE stock_state SET available = :available, version = :version
                WHERE sku = :sku AND location = :location""")
                .setParameter("sku", event.sku()).setParameter("location", event.location())
                .setParameter("available", event.available()).setParameter("version", event.version())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The available figure of a (SKU, location) seen at least once, locked against events; null otherwise. */
    public Uni<Long> lockAvailable(String sku, String location) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT available FROM stock_state WHERE sku = :sku AND location = :location AND version > 0
                FOR UPDATE""", Object.class)
                .setParameter("sku", sku).setParameter("location", location)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : ((Number) rows.get(0)).longValue());
    }

    public Uni<Void> replaceLots(String sku, String location, List<StockChanged.Lot> lots) {
        Uni<Void> chain = Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM lot_state WHERE sku = :sku AND location = :location")
                .setParameter("sku", sku).setParameter("location", location).executeUpdate()).replaceWithVoid();
        for (StockChanged.Lot lot : lots) {
            chain = chain.chain(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                    INSERT INTO lot_state (sku, location, lot, expires_on, quantity)
                    VALUES (:sku, :location, :lot, CAST(:expiresOn AS date), :quantity)
                    ON CONFLICT (sku, location, lot) DO UPDATE
                    SET quantity = lot_state.quantity + EXCLUDED.quantity""")
                    .setParameter("sku", sku).setParameter("location", location).setParameter("lot", lot.lot())
                    .setParameter("expiresOn", lot.expiresOn())
                    .setParameter("quantity", lot.quantity())
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    public Uni<List<StockChanged.Lot>> lots(String sku, String location) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT lot, expires_on, quantity FROM lot_state WHERE sku = :sku AND location = :location
                ORDER BY lot""", Object[].class)
                .setParameter("sku", sku).setParameter("location", location)
                .getResultList())
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
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT sku, location FROM lot_state WHERE expires_on IS NOT NULL AND quantity > 0
                UNION
                SELECT sku, location FROM alert_state WHERE kind = 'NEAR_EXPIRY' AND (open_alert_id IS NOT NULL OR pending)
                ORDER BY 1, 2""", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new StockSubject((String) row[0], (String) row[1])).toList());
    }
}
