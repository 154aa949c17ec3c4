package io.stockline.inventory.planning.repository;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.domain.ItemSettings;
import io.stockline.inventory.planning.domain.Promotion;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** What people set for planning: promotion windows (planning_promotion) and per-item settings (planning_item). */
@ApplicationScoped
public class PlanningSettingsRepository {

    private static final String PROMOTION = "SELECT id, sku, location, starts_on, ends_on, note, created_by, created_at"
            + " FROM planning_promotion";

    public Uni<Promotion> addPromotion(String sku, String location, LocalDate startsOn, LocalDate endsOn, String note,
            String actor) {
        return NativeSql.of("""
                INSERT INTO planning_promotion (sku, location, starts_on, ends_on, note, created_by)
                VALUES (:sku, CAST(:location AS text), :startsOn, :endsOn, CAST(:note AS text), :actor)
                RETURNING id, sku, location, starts_on, ends_on, note, created_by, created_at""")
                .set("sku", sku).set("location", location).set("startsOn", startsOn)
                .set("endsOn", endsOn).set("note", note).set("actor", actor)
                .rows().map(rows -> rows.get(0))
                .map(PlanningSettingsRepository::promotion);
    }

    /** The promotions of a SKU (of every SKU when null), the latest first. */
    public Uni<List<Promotion>> promotions(String sku) {
        String sql = PROMOTION + (sku == null ? "" : " WHERE sku = :sku") + " ORDER BY starts_on DESC, id DESC LIMIT 1000";
        NativeSql query = NativeSql.of(sql);
        if (sku != null) {
            query.set("sku", sku);
        }
        return query.list(PlanningSettingsRepository::promotion);
    }

    public Uni<Boolean> deletePromotion(long id) {
        return NativeSql.of(
                "DELETE FROM planning_promotion WHERE id = :id").set("id", id).update()
                .map(count -> count == 1);
    }

    public Uni<ItemSettings> settings(String sku) {
        return NativeSql.of(
                "SELECT sku, service_level, supplier, set_by, set_at FROM planning_item WHERE sku = :sku")
                .set("sku", sku)
                .first(PlanningSettingsRepository::settings);
    }

    public Uni<ItemSettings> saveSettings(String sku, Double serviceLevel, String supplier, String actor) {
        return NativeSql.of("""
                INSERT INTO planning_item (sku, service_level, supplier, set_by, set_at)
                VALUES (:sku, CAST(:serviceLevel AS double precision), CAST(:supplier AS text), :actor, now())
                ON CONFLICT (sku) DO UPDATE SET service_level = EXCLUDED.service_level, supplier = EXCLUDED.supplier,
                    set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
                RETURNING sku, service_level, supplier, set_by, set_at""")
                .set("sku", sku).set("serviceLevel", serviceLevel).set("supplier", supplier)
                .set("actor", actor)
                .rows().map(rows -> rows.get(0))
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
