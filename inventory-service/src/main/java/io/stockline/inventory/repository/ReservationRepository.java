package io.stockline.inventory.repository;

import static io.stockline.inventory.repository.MovementRepository.toOffsetDateTime;
import static io.stockline.inventory.repository.StockRepository.asLong;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Reservation;
import io.stockline.inventory.domain.Reservation.Status;
import io.stockline.platform.sql.NativeSql;

@ApplicationScoped
public class ReservationRepository {

    public Uni<Void> insert(Reservation reservation, String idempotencyKey) {
        return NativeSql.of("""
                INSERT INTO reservation (id, order_id, owner, idempotency_key, request_hash, status, expires_at)
                VALUES (:id, :orderId, :owner, :key, :hash, :status, :expiresAt)""")
                .set("id", reservation.id()).set("orderId", reservation.orderId())
                .set("owner", reservation.owner()).set("key", idempotencyKey).set("hash", reservation.requestHash())
                .set("status", reservation.status().name())
                .set("expiresAt", reservation.expiresAt())
                .update()
                .chain(() -> insertLines(reservation));
    }

    private static Uni<Void> insertLines(Reservation reservation) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Reservation.Line line : reservation.lines()) {
            chain = chain.chain(() -> NativeSql.of("""
                    INSERT INTO reservation_line (reservation_id, line, sku, location, quantity, bundle_sku)
                    VALUES (:id, :line, :sku, :location, :quantity, :bundle)""")
                    .set("id", reservation.id()).set("line", line.line())
                    .set("sku", line.sku()).set("location", line.location())
                    .set("quantity", line.quantity()).set("bundle", line.bundle())
                    .update().replaceWithVoid());
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
        NativeSql query = NativeSql.of(
                "SELECT id, order_id, status, request_hash, expires_at, owner FROM reservation WHERE " + condition)
                .set("value", value);
        if (owner != null) {
            query.set("owner", owner);
        }
        return query.rows().flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            Object[] row = rows.get(0);
            UUID id = (UUID) row[0];
            return NativeSql.of("SELECT line, sku, location, quantity, bundle_sku FROM reservation_line"
                    + " WHERE reservation_id = :id ORDER BY line, sku")
                    .set("id", id)
                    .rows()
                    .map(lines -> new Reservation(id, (String) row[1], Status.valueOf((String) row[2]),
                            (String) row[3], row[4] == null ? null : toOffsetDateTime(row[4]),
                            lines.stream().map(ReservationRepository::toLine).toList(), (String) row[5]));
        });
    }

    /** Moves an ACTIVE reservation to {@code to}; false when it was no longer active (someone else finished it). */
    public Uni<Boolean> finish(UUID id, Status to) {
        return NativeSql.of(
                "UPDATE reservation SET status = :to, updated_at = now() WHERE id = :id AND status = 'ACTIVE'")
                .set("to", to.name()).set("id", id)
                .update()
                .map(count -> count == 1);
    }

    private static Reservation.Line toLine(Object[] row) {
        return new Reservation.Line(((Number) row[0]).intValue(), (String) row[1], (String) row[2], asLong(row[3]),
                (String) row[4]);
    }

    /** For the expiry sweep. */
    public Uni<List<UUID>> expiredBefore(OffsetDateTime now, int limit) {
        return NativeSql.of(
                "SELECT id FROM reservation WHERE status = 'ACTIVE' AND expires_at < :now ORDER BY expires_at LIMIT :limit")
                .set("now", now).set("limit", limit)
                .column(UUID.class);
    }
}
