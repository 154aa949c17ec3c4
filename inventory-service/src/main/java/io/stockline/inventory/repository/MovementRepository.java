package io.stockline.inventory.repository;

import static io.stockline.inventory.repository.StockRepository.asLong;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockState;

/** The ledger: rows are only ever inserted (the table's rules ignore UPDATE and DELETE). */
@ApplicationScoped
public class MovementRepository {

    private static final String COLUMNS = "id, type, sku, location, quantity, reason, reference, actor, "
            + "idempotency_key, request_hash, resulting_version, created_at, reason_code";

    public Uni<Movement> append(MovementType type, String sku, String location, long quantity, StockState delta,
            String reason, String reference, String actor, String idempotencyKey, String requestHash,
            long resultingVersion, String lot, java.time.LocalDate expiresOn, AdjustmentReason reasonCode) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO movement (type, sku, location, quantity, d_on_hand, d_available, d_committed, d_reserved,
                    d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit, reason, reference, actor,
                    idempotency_key, request_hash, resulting_version, lot, expires_on, reason_code)
                VALUES (:type, :sku, :location, :quantity, :onHand, :available, :committed, :reserved, :damaged,
                    :qualityControl, :safetyStock, :incoming, :inTransit, :reason, :reference, :actor,
                    :idempotencyKey, :requestHash, :resultingVersion, :lot, :expiresOn, :reasonCode)
                RETURNING\s""" + COLUMNS, Object[].class)
                .setParameter("type", type.name()).setParameter("sku", sku).setParameter("location", location)
                .setParameter("quantity", quantity)
                .setParameter("onHand", delta.onHand()).setParameter("available", delta.available())
                .setParameter("committed", delta.committed()).setParameter("reserved", delta.reserved())
                .setParameter("damaged", delta.damaged()).setParameter("qualityControl", delta.qualityControl())
                .setParameter("safetyStock", delta.safetyStock()).setParameter("incoming", delta.incoming())
                .setParameter("inTransit", delta.inTransit())
                .setParameter("reason", reason).setParameter("reference", reference).setParameter("actor", actor)
                .setParameter("idempotencyKey", idempotencyKey).setParameter("requestHash", requestHash)
                .setParameter("resultingVersion", resultingVersion)
                .setParameter("lot", lot).setParameter("expiresOn", expiresOn)
                .setParameter("reasonCode", reasonCode == null ? null : reasonCode.name())
                .getSingleResult())
                .map(MovementRepository::toMovement);
    }

    public Uni<Movement> findByIdempotencyKey(String idempotencyKey) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT " + COLUMNS + " FROM movement WHERE idempotency_key = :key", Object[].class)
                .setParameter("key", idempotencyKey)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : toMovement(rows.get(0)));
    }

    /** The SKU's ledger, oldest first, after the entry {@code afterId}, at one location or all. */
    public Uni<List<Movement>> ledger(String sku, String location, long afterId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM movement WHERE sku = :sku AND id > :after"
                + (location == null ? "" : " AND location = :location") + " ORDER BY id LIMIT :limit";
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("sku", sku).setParameter("after", afterId).setParameter("limit", limit);
            if (location != null) {
                query.setParameter("location", location);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(MovementRepository::toMovement).toList());
    }

    private static Movement toMovement(Object[] row) {
        return new Movement(asLong(row[0]), MovementType.valueOf((String) row[1]), (String) row[2], (String) row[3],
                asLong(row[4]), (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9],
                asLong(row[10]), toOffsetDateTime(row[11]),
                row[12] == null ? null : AdjustmentReason.valueOf((String) row[12]));
    }

    static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }
}
