package io.stockline.inventory.planning.repository;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.domain.ItemSettings;
import io.stockline.inventory.planning.domain.Promotion;
import io.stockline.platform.sql.Rows;

/** What people set for planning: promotion windows (planning_promotion) and per-item settings (planning_item). */
@ApplicationScoped
public class PlanningSettingsRepository {

    private static final String PROMOTION = "SELECT id, sku, location, starts_on, ends_on, note, created_by, created_at"
            + " FROM planning_promotion";

    public Uni<Promotion> addPromotion(String sku, String location, LocalDate startsOn, LocalDate endsOn, String note,
            String actor) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO planning_promotion (sku, location, starts_on, ends_on, note, created_by)
                VALUES (:sku, CAST(:location AS text), :startsOn, :endsOn, CAST(:note AS text), :actor)
                RETURNING id, sku, location, starts_on, ends_on, note, created_by, created_at""", Object[].class)
                .setParameter("sku", sku).setParameter("location", location).setParameter("startsOn", startsOn)
                .setParameter("endsOn", endsOn).setParameter("note", note).setParameter("actor", actor)
                .getSingleResult())
                .map(PlanningSettingsRepository::promotion);
    }

    /** The promotions of a SKU (of every SKU when null), the latest first. */
    public Uni<List<Promotion>> promotions(String sku) {
        String sql = PROMOTION + (sku == null ? "" : " WHERE sku = :sku") + " ORDER BY starts_on DESC, id DESC LIMIT 1000";
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            if (sku != null) {
                query.setParameter("sku", sku);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(PlanningSettingsRepository::promotion).toList());
    }

    public Uni<Boolean> deletePromotion(long id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM planning_promotion WHERE id = :id").setParameter("id", id).executeUpdate())
                .map(count -> count == 1);
    }

    public Uni<ItemSettings> settings(String sku) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT sku, service_level, supplier, set_by, set_at FROM planning_item WHERE sku = :sku", Object[].class)
                .setParameter("sku", sku).getResultList())
                .map(rows -> rows.isEmpty() ? null : settings(rows.get(0)));
    }

    public Uni<ItemSettings> saveSettings(String sku, Double serviceLevel, String supplier, String actor) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO planning_item (sku, service_level, supplier, set_by, set_at)
                VALUES (:sku, CAST(:serviceLevel AS double precision), CAST(:supplier AS text), :actor, now())
                ON CONFLICT (sku) DO UPDATE SET service_level = EXCLUDED.service_level, supplier = EXCLUDED.supplier,
                    set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
                RETURNING sku, service_level, supplier, set_by, set_at""", Object[].class)
                .setParameter("sku", sku).setParameter("serviceLevel", serviceLevel).setParameter("supplier", supplier)
                .setParameter("actor", actor)
                .getSingleResult())
                .map(PlanningSettingsRepository::settings);
    }

    private static ItemSettings settings(Object[] row) {
        return new ItemSettings((String) row[0], row[1] == null ? null : ((Number) row[1]).doubleValue(),
                (String) row[2], (String) row[3], Rows.time(row[4]));
    }

    private static Promotion promotion(Object[] row) {
        return new Promotion(Rows.longValue(row[0]), (String) row[1], (String) row[2], Rows.date(row[3]),
                Rows.date(row[4]), (String) row[5], (String) row[6], Rows.time(row[7]));
    }
}
