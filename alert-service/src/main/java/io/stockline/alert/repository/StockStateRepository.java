package io.stockline.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.StockChanged;

@ApplicationScoped
public class StockStateRepository {

    /** The state before this event: whether the low-stock alert was open; null when the event is stale. */
    public record Previous(boolean lowStockOpen) {
    }

    public Uni<Boolean> markProcessed(StockChanged event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", event.eventId())
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Takes the row for this (SKU, location) under lock; null when the event is not newer than what was seen. */
    public Uni<Previous> lockIfNewer(StockChanged event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO stock_state (sku, location, available, version) VALUES (:sku, :location, :available, 0)
                ON CONFLICT (sku, location) DO UPDATE SET updated_at = now()
                RETURNING version, low_stock_open""", Object[].class)
                .setParameter("sku", event.sku()).setParameter("location", event.location())
                .setParameter("available", event.available())
                .getSingleResult())
                .map(row -> ((Number) row[0]).longValue() >= event.version() ? null : new Previous((Boolean) row[1]));
    }

    public Uni<Void> update(StockChanged event, boolean lowStockOpen) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE stock_state SET available = :available, version = :version, low_stock_open = :open
                WHERE sku = :sku AND location = :location""")
                .setParameter("sku", event.sku()).setParameter("location", event.location())
                .setParameter("available", event.available()).setParameter("version", event.version())
                .setParameter("open", lowStockOpen)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> insert(Alert alert) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO alert (id, kind, sku, location, available, threshold, raised_at)
                VALUES (:id, :kind, :sku, :location, :available, :threshold, :raisedAt)""")
                .setParameter("id", alert.id()).setParameter("kind", alert.kind()).setParameter("sku", alert.sku())
                .setParameter("location", alert.location()).setParameter("available", alert.available())
                .setParameter("threshold", alert.threshold()).setParameter("raisedAt", alert.raisedAt())
                .executeUpdate())
                .replaceWithVoid();
    }
}
