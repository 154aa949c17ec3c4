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
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.CountTaskStatus;
import io.stockline.platform.sql.Rows;

/** Count tasks, the ledger position a count is taken at, and what the schedule and the accuracy report read. */
@ApplicationScoped
public class CountTaskRepository implements PanacheRepositoryBase<CountTask, String> {

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
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT nextval('count_task_number_seq')", Long.class).getSingleResult())
                .map(n -> "CC-%06d".formatted(((Number) n).longValue()));
    }

    /** The task locked until the transaction ends, so two steps on it queue up. */
    public Uni<CountTask> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The last movement of the SKU at the location and the on hand, read in one statement and so from one snapshot.
     * They agree without a lock: every movement updates the balance row first and holds its lock until it commits,
     * so the movements of one (SKU, location) commit in id order, and a snapshot that sees one sees every earlier one.
     * Every later movement gets a higher id.
     */
    public Uni<Position> position(String sku, String location) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT coalesce((SELECT max(m.id) FROM movement m WHERE m.sku = :sku AND m.location = :location), 0),
                       coalesce((SELECT s.on_hand FROM stock_level s WHERE s.sku = :sku AND s.location = :location), 0)
                """, Object[].class)
                .setParameter("sku", sku).setParameter("location", location)
                .getSingleResult())
                .map(row -> new Position(Rows.longValue(row[0]), Rows.longValue(row[1])));
    }

    /**
     * The standard SKUs with a balance at the location and no unfinished task there, with their class (pinned, else
     * computed, else C) and their last count there: an approved task or a COUNT_CORRECTION posted by hand or imported.
     */
    public Uni<List<Candidate>> candidates(String location) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
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
                """, Object[].class)
                .setParameter("location", location).getResultList())
                .map(rows -> rows.stream().map(row -> {
                    OffsetDateTime last = Rows.time(row[2]);
                    return new Candidate((String) row[0], AbcClass.valueOf((String) row[1]),
                            last == null ? null : last.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
                }).toList());
    }

    /** Proposes a task unless one is unfinished for the SKU there already; true when this call created it. */
    public Uni<Boolean> proposeOnce(String id, String sku, String location, AbcClass abcClass, LocalDate dueOn) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO count_task (id, sku, location, abc_class, due_on, status)
                VALUES (:id, :sku, :location, :abcClass, :dueOn, 'OPEN')
                ON CONFLICT (sku, location) WHERE status NOT IN ('APPROVED', 'REJECTED') DO NOTHING
                """)
                .setParameter("id", id).setParameter("sku", sku).setParameter("location", location)
                .setParameter("abcClass", abcClass.name()).setParameter("dueOn", dueOn)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Tasks at a location and/or in a status, the earliest due first. */
    public Uni<List<CountTask>> list(String location, CountTaskStatus status, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (location != null) {
            query.append(" AND location = :location");
            parameters.and("location", location);
        }
        if (status != null) {
            query.append(" AND status = :status");
            parameters.and("status", status);
        }
        return find(query.toString(), Sort.ascending("dueOn").and("id"), parameters).page(0, limit).list();
    }

    public Uni<List<CountTask>> withIds(Collection<String> ids) {
        return list("id IN ?1", Sort.ascending("dueOn").and("id"), ids);
    }

    /** The on hand of each SKU at each location the tasks name, keyed "sku\u0000location". */
    public Uni<Map<String, Long>> onHand(Collection<CountTask> tasks) {
        if (tasks.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> skus = tasks.stream().map(t -> t.sku).distinct().toList();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT sku, location, on_hand FROM stock_level WHERE sku IN (:skus)", Object[].class)
                .setParameter("skus", skus).getResultList())
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
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("from", from.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .setParameter("until", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            if (location != null) {
                query.setParameter("location", location);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new ApprovedCount((String) row[0], AbcClass.valueOf((String) row[1]),
                Rows.time(row[2]).toLocalDate(), Rows.longValue(row[3]), Rows.longValue(row[4]),
                row[5] == null ? null : new BigDecimal(row[5].toString()))).toList());
    }
}
