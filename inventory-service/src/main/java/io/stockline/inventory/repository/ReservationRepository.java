package io.stockline.inventory.repository;

import static io.stockline.inventory.repository.MovementRepository.toOffsetDateTime;
import static io.stockline.inventory.repository.StockRepository.asLong;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Reservation;
import io.stockline.inventory.domain.Reservation.Status;

@ApplicationScoped
public class ReservationRepository {

    public Uni<Void> insert(Reservation reservation, String idempotencyKey) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO reservation (id, order_id, owner, idempotency_key, request_hash, status, expires_at)
                VALUES (:id, :orderId, :owner, :key, :hash, :status, :expiresAt)""")
                .setParameter("id", reservation.id()).setParameter("orderId", reservation.orderId())
                .setParameter("owner", reservation.owner()).setParameter("key", idempotencyKey).setParameter("hash", reservation.requestHash())
                .setParameter("status", reservation.status().name())
                .setParameter("expiresAt", reservation.expiresAt())
                .executeUpdate()
                .chain(() -> insertLines(session, reservation)))
                .replaceWithVoid();
    }

    private static Uni<Void> insertLines(org.hibernate.reactive.mutiny.Mutiny.Session session, Reservation reservation) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Reservation.Line line : reservation.lines()) {
            chain = chain.chain(() -> session.createNativeQuery("""
                    INSERT INTO reservation_line (reservation_id, line, sku, location, quantity, bundle_sku)
                    VALUES (:id, :line, :sku, :location, :quantity, :bundle)""")
                    .setParameter("id", reservation.id()).setParameter("line", line.line())
                    .setParameter("sku", line.sku()).setParameter("location", line.location())
                    .setParameter("quantity", line.quantity()).setParameter("bundle", line.bundle())
                    .executeUpdate().replaceWithVoid());
        }
        return chain;
    }

    /** The reservation the {@code owner} made under the key: keys are scoped per caller. */
    public Uni<Reservation> findByIdempotencyKey(String owner, String idempotencyKey) {
        return findWhere("owner = :owner AND idempotency_key = :value", owner, idempotencyKey);
    }

    public Uni<Reservation> findById(UUID id) {
        return findWhere("id = :value", null, id);
    }

    private Uni<Reservation> findWhere(String condition, String owner, Object value) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(
                "SELECT id, order_id, status, request_hash, expires_at, owner FROM reservation WHERE " + condition,
                Object[].class)
                .setParameter("value", value);
            if (owner != null) {
                query.setParameter("owner", owner);
            }
            return query
                .getResultList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    Object[] row = rows.get(0);
                    UUID id = (UUID) row[0];
                    return session.createNativeQuery(
                            "SELECT line, sku, location, quantity, bundle_sku FROM reservation_line WHERE reservation_id = :id ORDER BY line, sku",
                            Object[].class)
                            .setParameter("id", id)
                            .getResultList()
                            .map(lines -> new Reservation(id, (String) row[1], Status.valueOf((String) row[2]),
                                    (String) row[3], row[4] == null ? null : toOffsetDateTime(row[4]),
                                    lines.stream().map(ReservationRepository::toLine).toList(), (String) row[5]));
                });
        });
    }

    /** Moves an ACTIVE reservation to {@code to}; false when it was no longer active (someone else finished it). */
    public Uni<Boolean> finish(UUID id, Status to) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE reservation SET status = :to, updated_at = now() WHERE id = :id AND status = 'ACTIVE'")
                .setParameter("to", to.name()).setParameter("id", id)
                .executeUpdate())
                .map(count -> count == 1);
    }

    private static Reservation.Line toLine(Object[] row) {
        return new Reservation.Line(((Number) row[0]).intValue(), (String) row[1], (String) row[2], asLong(row[3]),
                (String) row[4]);
    }

    /** For the expiry sweep. */
    public Uni<List<UUID>> expiredBefore(OffsetDateTime now, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT id FROM reservation WHERE status = 'ACTIVE' AND expires_at < :now ORDER BY expires_at LIMIT :limit",
                UUID.class)
                .setParameter("now", now).setParameter("limit", limit)
                .getResultList());
    }
}
