package io.stockline.inventory.repository;

import static io.stockline.inventory.repository.StockRepository.asLong;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockState;
import io.stockline.platform.sql.NativeSql;

/** The ledger: rows are only ever inserted (the table's rules ignore UPDATE and DELETE). */
@ApplicationScoped
public class MovementRepository {

    private static final String COLUMNS = "id, type, sku, location, quantity, reason, reference, actor, "
            + "idempotency_key, request_hash, resulting_version, created_at, reason_code";

    public Uni<Movement> append(MovementType type, String sku, String location, long quantity, StockState delta,
            String reason, String reference, String actor, String idempotencyKey, String requestHash,
            long resultingVersion, String lot, java.time.LocalDate expiresOn, AdjustmentReason reasonCode) {
        return NativeSql.of("""
                INSERT INTO movement (type, sku, location, quantity, d_on_hand, d_available, d_committed, d_reserved,
                    d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit, reason, reference, actor,
                    idempotency_key, request_hash, resulting_version, lot, expires_on, reason_code)
                VALUES (:type, :sku, :location, :quantity, :onHand, :available, :committed, :reserved, :damaged,
                    :qualityControl, :safetyStock, :incoming, :inTransit, :reason, :reference, :actor,
                    :idempotencyKey, :requestHash, :resultingVersion, :lot, :expiresOn, :reasonCode)
                RETURNING\s""" + COLUMNS)
                .set("type", type.name()).set("sku", sku).set("location", location)
                .set("quantity", quantity)
                .set("onHand", delta.onHand()).set("available", delta.available())
                .set("committed", delta.committed()).set("reserved", delta.reserved())
                .set("damaged", delta.damaged()).set("qualityControl", delta.qualityControl())
                .set("safetyStock", delta.safetyStock()).set("incoming", delta.incoming())
                .set("inTransit", delta.inTransit())
                .set("reason", reason).set("reference", reference).set("actor", actor)
                .set("idempotencyKey", idempotencyKey).set("requestHash", requestHash)
                .set("resultingVersion", resultingVersion)
                .set("lot", lot).set("expiresOn", expiresOn)
                .set("reasonCode", reasonCode == null ? null : reasonCode.name())
                .rows().map(rows -> rows.get(0))
                .map(MovementRepository::toMovement);
    }

    /** The movement the caller ({@code actor}) recorded under the key: keys are scoped per caller. */
    public Uni<Movement> findByIdempotencyKey(String actor, String idempotencyKey) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM movement WHERE actor = :actor AND idempotency_key = :key")
                .set("actor", actor).set("key", idempotencyKey)
                .first(MovementRepository::toMovement);
    }

    /** The SKU's ledger, oldest first, after the entry {@code afterId}, at one location or all. */
    public Uni<List<Movement>> ledger(String sku, String location, long afterId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM movement WHERE sku = :sku AND id > :after"
                + (location == null ? "" : " AND location = :location") + " ORDER BY id LIMIT :limit";
        NativeSql query = NativeSql.of(sql).set("sku", sku).set("after", afterId).set("limit", limit);
        if (location != null) {
            query.set("location", location);
        }
        return query.list(MovementRepository::toMovement);
    }

    /** One ledger row of many, for {@link #appendAll}. */
    public record NewMovement(MovementType type, String sku, String location, long quantity, StockState delta,
            String reason, String reference, String actor, String idempotencyKey, long resultingVersion, String lot,
            LocalDate expiresOn, AdjustmentReason reasonCode) {
    }

    /** {@link #append} for many rows in one statement; returns them in the order given. */
    public Uni<List<Movement>> appendAll(List<NewMovement> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = rows.size();
        String[][] texts = new String[10][size];
        Long[][] numbers = new Long[11][size];
        for (int i = 0; i < size; i++) {
            NewMovement m = rows.get(i);
            StockState d = m.delta();
            String[] t = { m.type().name(), m.sku(), m.location(), m.reason(), m.reference(), m.actor(),
                    m.idempotencyKey(), m.lot(), m.expiresOn() == null ? null : m.expiresOn().toString(),
                    m.reasonCode() == null ? null : m.reasonCode().name() };
            long[] n = { m.quantity(), d.onHand(), d.available(), d.committed(), d.reserved(), d.damaged(),
                    d.qualityControl(), d.safetyStock(), d.incoming(), d.inTransit(), m.resultingVersion() };
            for (int f = 0; f < t.length; f++) {
                texts[f][i] = t[f];
            }
            for (int f = 0; f < n.length; f++) {
                numbers[f][i] = n[f];
            }
        }
        NativeSql query = NativeSql.of("""
                    INSERT INTO movement (type, sku, location, reason, reference, actor, idempotency_key, lot, expires_on,
                        quantity, d_on_hand, d_available, d_committed, d_reserved, d_damaged, d_quality_control,
                        d_safety_stock, d_incoming, d_in_transit, resulting_version, reason_code)
                    SELECT m.type, m.sku, m.location, m.reason, m.reference, m.actor, m.idempotency_key, m.lot,
                        CAST(m.expires_on AS date), m.quantity, m.d0, m.d1, m.d2, m.d3, m.d4, m.d5, m.d6, m.d7, m.d8,
                        m.version, m.reason_code
                    FROM unnest(CAST(:t0 AS text[]), CAST(:t1 AS text[]), CAST(:t2 AS text[]), CAST(:t3 AS text[]),
                                CAST(:t4 AS text[]), CAST(:t5 AS text[]), CAST(:t6 AS text[]), CAST(:t7 AS text[]),
                                CAST(:t8 AS text[]), CAST(:t9 AS text[]), CAST(:n0 AS bigint[]), CAST(:n1 AS bigint[]), CAST(:n2 AS bigint[]),
                                CAST(:n3 AS bigint[]), CAST(:n4 AS bigint[]), CAST(:n5 AS bigint[]), CAST(:n6 AS bigint[]),
                                CAST(:n7 AS bigint[]), CAST(:n8 AS bigint[]), CAST(:n9 AS bigint[]), CAST(:n10 AS bigint[]))
                         WITH ORDINALITY AS m(type, sku, location, reason, reference, actor, idempotency_key, lot,
                              expires_on, reason_code, quantity, d0, d1, d2, d3, d4, d5, d6, d7, d8, version, n)
                    ORDER BY m.n
                    RETURNING\s""" + COLUMNS);
        for (int f = 0; f < texts.length; f++) {
            query.set("t" + f, texts[f]);
        }
        for (int f = 0; f < numbers.length; f++) {
            query.set("n" + f, numbers[f]);
        }
        return query.rows().map(result -> {
            // Ids follow the order of insertion; sorting by them gives the rows back in the order given.
            List<Movement> movements = new ArrayList<>(result.size());
            for (Object[] row : result) {
                movements.add(toMovement(row));
            }
            movements.sort(Comparator.comparingLong(Movement::id));
            return movements;
        });
    }

    /** Which of the caller's ({@code actor}'s) keys the ledger already holds. */
    public Uni<Set<String>> existingKeys(String actor, Collection<String> idempotencyKeys) {
        if (idempotencyKeys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of(
                "SELECT idempotency_key FROM movement WHERE actor = :actor AND idempotency_key = ANY(CAST(:keys AS text[]))")
                .set("actor", actor).set("keys", idempotencyKeys.toArray(String[]::new))
                .column(String.class)
                .map(HashSet::new);
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
