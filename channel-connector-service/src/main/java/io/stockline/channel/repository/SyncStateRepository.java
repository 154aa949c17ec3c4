package io.stockline.channel.repository;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SyncStateRepository {

    /** Records the quantity the channel should hold; true when it differs from what it was last told. */
    public Uni<Boolean> want(String channel, String sku, long quantity) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (:channel, :sku, :quantity)
                ON CONFLICT (channel, sku) DO UPDATE SET wanted_quantity = EXCLUDED.wanted_quantity, wanted_at = now()
                RETURNING pushed_quantity""", Object.class)
                .setParameter("channel", channel).setParameter("sku", sku).setParameter("quantity", quantity)
                .getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0) == null || ((Number) rows.get(0)).longValue() != quantity);
    }

    /** A SKU the channel does not hold the right number of. */
    public record Pending(String sku, long wantedQuantity) {
    }

    /** SKUs whose last push failed or never happened, and whose wanted quantity is older than {@code age}. */
    public Uni<List<Pending>> pending(String channel, Duration age, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT sku, wanted_quantity FROM sync_state
                WHERE channel = :channel AND pushed_quantity IS DISTINCT FROM wanted_quantity
                  AND wanted_at < now() - make_interval(secs => :ageSeconds)
                ORDER BY wanted_at LIMIT :limit""", Object[].class)
                .setParameter("channel", channel).setParameter("ageSeconds", age.toMillis() / 1000.0)
                .setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Pending((String) row[0], ((Number) row[1]).longValue())).toList());
    }

    public Uni<Void> pushed(String channel, String sku, long quantity) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE sync_state SET pushed_quantity = :quantity, pushed_at = now(), last_error = NULL
                WHERE channel = :channel AND sku = :sku""")
                .setParameter("channel", channel).setParameter("sku", sku).setParameter("quantity", quantity)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> failed(String channel, String sku, String error) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE sync_state SET last_error = :error WHERE channel = :channel AND sku = :sku")
                .setParameter("channel", channel).setParameter("sku", sku).setParameter("error", error)
                .executeUpdate())
                .replaceWithVoid();
    }
}
