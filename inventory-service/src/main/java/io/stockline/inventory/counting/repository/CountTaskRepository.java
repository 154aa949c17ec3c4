package io.stockline.inventory.counting.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.CountTaskStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * Count tasks, the ledger position a count is taken at, and what the schedule and the accuracy report read. A task is
 * a plain row: a change to one is stored only by {@link #update}, in the caller's transaction.
 */
@ApplicationScoped
public class CountTaskRepository {

    private static final String TASK = """
            SELECT id, sku, location, abc_class, due_on, status, created_at, started_by, started_at, counted,
                   counted_by, counted_at, ledger_position, expected, first_counted, first_expected, first_counted_by,
                   first_counted_at, unit_cost, correction, correction_movement_id, decided_by, decided_at, note
            FROM count_task""";

    /** Where the ledger of one SKU at one location stands: its last movement (0 for none) and the on hand then. */
    public record Position(long movementId, long onHand) {
    }

    /** A SKU held at a location with no unfinished task: its class and when it was last counted there (or null). */
    public record Candidate(String sku, AbcClass abcClass, LocalDate lastCounted) {
    }

    /** An approved count, as the accuracy report reads it. */
    public record ApprovedCount(String location, AbcClass abcClass, LocalDate countedOn, long counted, long expected,
            BigDecimal unitCost) {
    }

    public Uni<String> nextId() {
        return NativeSql.of("SELECT nextval('count_task_number_seq')").column(Long.class)
                .map(n -> "CC-%06d".formatted(n.get(0)));
    }

    /** The task, or null. */
    public Uni<CountTask> findById(String id) {
        return NativeSql.of(TASK + " WHERE id = :id").set("id", id)
                .first(CountTaskRepository::task);
    }

    /** The task locked until the transaction ends, so two steps on it queue up. */
    public Uni<CountTask> lock(String id) {
        return NativeSql.of(TASK + " WHERE id = :id FOR UPDATE").set("id", id)
                .first(CountTaskRepository::task);
    }

    /** Stores every column a step may change (all but the id and created_at). */
    public Uni<Void> update(CountTask task) {
        return NativeSql.of("""
                UPDATE count_task SET sku = :sku, location = :location, abc_class = :abcClass, due_on = :dueOn,
                    status = :status, started_by = :startedBy, started_at = :startedAt, counted = :counted,
                    counted_by = :countedBy, counted_at = :countedAt, ledger_position = :ledgerPosition,
                    expected = :expected, first_counted = :firstCounted, first_expected = :firstExpected,
                    first_counted_by = :firstCountedBy, first_counted_at = :firstCountedAt, unit_cost = :unitCost,
                    correction = :correction, correction_movement_id = :correctionMovementId,
                    decided_by = :decidedBy, decided_at = :decidedAt, note = :note
                WHERE id = :id""")
                .set("id", task.id).set("sku", task.sku).set("location", task.location)
                .set("abcClass", task.abcClass.name()).set("dueOn", task.dueOn).set("status", task.status.name())
                .set("startedBy", task.startedBy).set("startedAt", task.startedAt)
                .set("counted", task.counted).set("countedBy", task.countedBy).set("countedAt", task.countedAt)
                .set("ledgerPosition", task.ledgerPosition).set("expected", task.expected)
                .set("firstCounted", task.firstCounted).set("firstExpected", task.firstExpected)
                .set("firstCountedBy", task.firstCountedBy).set("firstCountedAt", task.firstCountedAt)
                .set("unitCost", task.unitCost).set("correction", task.correction)
                .set("correctionMovementId", task.correctionMovementId)
                .set("decidedBy", task.decidedBy).set("decidedAt", task.decidedAt).set("note", task.note)
                .update()
                .replaceWithVoid();
    }

    /**
     * The last movement of the SKU at the location and the on hand, read in one statement and so from one snapshot.
     * They agree without a lock: every movement updates the balance row first and holds its lock until it commits,
     * so the movements of one (SKU, location) commit in id order, and a snapshot that sees one sees every earlier one.
     * Every later movement gets a higher id.
     */
    public Uni<Position> position(String sku, String location) {
        return NativeSql.of("""
                SELECT coalesce((SELECT max(m.id) FROM movement m WHERE m.sku = :sku AND m.location = :location), 0),
                       coalesce((SELECT s.on_hand FROM stock_level s WHERE s.sku = :sku AND s.location = :location), 0)
                """)
                .set("sku", sku).set("location", location)
                .rows().map(rows -> rows.get(0))
                .map(row -> new Position(Rows.longValue(row[0]), Rows.longValue(row[1])));
    }

    /**
     * The standard SKUs with a balance at the location and no unfinished task there, with their class (pinned, else
     * computed, else C) and their last count there: an approved task or a COUNT_CORRECTION posted by hand or imported.
     */
    public Uni<List<Candidate>> candidates(String location) {
        return NativeSql.of("""
                SELECT s.sku, coalesce(a.manual_class, a.computed_class, 'C'),
                       GREATEST(
                           (SELECT max(t.counted_at) FROM count_task t
                            WHERE t.sku = s.sku AND t.location = s.location AND t.status = 'APPROVED'),
                           (SELECT max(m.created_at) FROM movement m
                            WHERE m.sku = s.sku AND m.location = s.location AND m.type = 'COUNT_CORRECTION'))
                FROM stock_level s
                JOIN item i ON i.sku = s.sku AND i.kind = 'STANDARD'
                LEFT JOIN sku_abc a ON a.sku = s.sku
                WHERE s.location = :location
                  AND NOT EXISTS (SELECT 1 FROM count_task o WHERE o.sku = s.sku AND o.location = s.location
                                  AND o.status NOT IN ('APPROVED', 'REJECTED'))
                ORDER BY s.sku
                """)
                .set("location", location)
                .list(row -> {
                    OffsetDateTime last = Rows.time(row[2]);
                    return new Candidate((String) row[0], AbcClass.valueOf((String) row[1]),
                            last == null ? null : last.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
                });
    }

    /** Proposes a task unless one is unfinished for the SKU there already; true when this call created it. */
    public Uni<Boolean> proposeOnce(String id, String sku, String location, AbcClass abcClass, LocalDate dueOn) {
        return NativeSql.of("""
                INSERT INTO count_task (id, sku, location, abc_class, due_on, status)
                VALUES (:id, :sku, :location, :abcClass, :dueOn, 'OPEN')
                ON CONFLICT (sku, location) WHERE status NOT IN ('APPROVED', 'REJECTED') DO NOTHING
                """)
                .set("id", id).set("sku", sku).set("location", location)
                .set("abcClass", abcClass.name()).set("dueOn", dueOn)
                .update()
                .map(inserted -> inserted > 0);
    }

    /** Tasks at a location and/or in a status, the earliest due first. */
    public Uni<List<CountTask>> list(String location, CountTaskStatus status, int limit) {
        StringBuilder sql = new StringBuilder(TASK + " WHERE true");
        Map<String, Object> parameters = new HashMap<>();
        if (location != null) {
            sql.append(" AND location = :location");
            parameters.put("location", location);
        }
        if (status != null) {
            sql.append(" AND status = :status");
            parameters.put("status", status.name());
        }
        sql.append(" ORDER BY due_on, id LIMIT :limit");
        parameters.put("limit", (long) limit);
        NativeSql query = NativeSql.of(sql.toString());
        parameters.forEach(query::set);
        return query.list(CountTaskRepository::task);
    }

    public Uni<List<CountTask>> withIds(Collection<String> ids) {
        return NativeSql.of(TASK + " WHERE id = ANY(CAST(:ids AS text[])) ORDER BY due_on, id")
                .set("ids", ids.toArray(String[]::new))
                .list(CountTaskRepository::task);
    }

    /** The on hand of each SKU at each location the tasks name, keyed "sku\u0000location". */
    public Uni<Map<String, Long>> onHand(Collection<CountTask> tasks) {
        if (tasks.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> skus = tasks.stream().map(t -> t.sku).distinct().toList();
        return NativeSql.of("SELECT sku, location, on_hand FROM stock_level WHERE sku = ANY(CAST(:skus AS text[]))")
                .set("skus", skus.toArray(String[]::new)).rows()
                .map(rows -> {
                    Map<String, Long> onHand = new HashMap<>();
                    rows.forEach(row -> onHand.put(key((String) row[0], (String) row[1]), Rows.longValue(row[2])));
                    return onHand;
                });
    }

    public static String key(String sku, String location) {
        return sku + '\u0000' + location;
    }

    /** Approved counts whose count was submitted from {@code from} to {@code to} (UTC days, both included). */
    public Uni<List<ApprovedCount>> approvedCounts(LocalDate from, LocalDate to, String location) {
        String sql = """
                SELECT location, abc_class, counted_at, counted, expected, unit_cost FROM count_task
                WHERE status = 'APPROVED' AND counted_at >= :from AND counted_at < :until
                """ + (location == null ? "" : " AND location = :location") + " ORDER BY counted_at, id";
        NativeSql query = NativeSql.of(sql)
                .set("from", from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .set("until", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        if (location != null) {
            query.set("location", location);
        }
        return query.list(row -> new ApprovedCount((String) row[0],
                AbcClass.valueOf((String) row[1]), Rows.time(row[2]).toLocalDate(), Rows.longValue(row[3]),
                Rows.longValue(row[4]), row[5] == null ? null : new BigDecimal(row[5].toString())));
    }

    private static CountTask task(Object[] row) {
        CountTask task = new CountTask();
        task.id = Rows.text(row[0]);
        task.sku = Rows.text(row[1]);
        task.location = Rows.text(row[2]);
        task.abcClass = AbcClass.valueOf(Rows.text(row[3]));
        task.dueOn = Rows.date(row[4]);
        task.status = CountTaskStatus.valueOf(Rows.text(row[5]));
        task.createdAt = Rows.time(row[6]);
        task.startedBy = Rows.text(row[7]);
        task.startedAt = Rows.time(row[8]);
        task.counted = Rows.longOrNull(row[9]);
        task.countedBy = Rows.text(row[10]);
        task.countedAt = Rows.time(row[11]);
        task.ledgerPosition = Rows.longOrNull(row[12]);
        task.expected = Rows.longOrNull(row[13]);
        task.firstCounted = Rows.longOrNull(row[14]);
        task.firstExpected = Rows.longOrNull(row[15]);
        task.firstCountedBy = Rows.text(row[16]);
        task.firstCountedAt = Rows.time(row[17]);
        task.unitCost = row[18] == null ? null : new BigDecimal(row[18].toString());
        task.correction = Rows.longOrNull(row[19]);
        task.correctionMovementId = Rows.longOrNull(row[20]);
        task.decidedBy = Rows.text(row[21]);
        task.decidedAt = Rows.time(row[22]);
        task.note = Rows.text(row[23]);
        return task;
    }
}
