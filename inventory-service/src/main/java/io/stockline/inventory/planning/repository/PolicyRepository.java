package io.stockline.inventory.planning.repository;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.domain.PlanningPolicy;
import io.stockline.inventory.planning.domain.PolicyKind;
import io.stockline.inventory.planning.domain.StoredPolicy;
import io.stockline.inventory.planning.domain.SupplierChoice;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** The computed policies (table planning_policy), the SKUs to compute them for, and what to order now. */
@ApplicationScoped
public class PolicyRepository {

    /**
     * A policy's SKU and location with their stock now and the supplier's terms now, as the suggestions read them;
     * {@code orderQuantity} is the policy's.
     */
    public record Candidate(String supplier, String sku, String location, long onHand, long incoming, long committed,
            long reserved, long drafted, long reorderPoint, long orderQuantity, double dailyForecast,
            double leadTimeDays, String method, String forecastMethod, long minimumQuantity, long multiple,
            BigDecimal unitCost) {
    }

    private static final String POLICY_COLUMNS = """
            sku, location, supplier, method, forecast_method, daily_forecast, daily_std_dev, mase, bias,
            safety_stock, reorder_point, order_quantity, service_level, abc_class, lead_time_days,
            lead_time_std_dev_days, lead_time_measured, history_days, demand_units, stockout_days, promotion_days,
            promotion_units, returned_units, transferred_units, computed_at""";

    /** A SKU to plan, and whether a supplier sells it (as {@link #supplierOf} would find one). */
    public record SkuToPlan(String sku, boolean supplied) {
    }

    /**
     * Standard items that hold stock at a location of ours, in SKU order, each with whether a supplier sells it: a
     * refresh skips the others without a transaction each, which over a catalog mostly bought from no supplier was
     * most of its time.
     */
    public Uni<List<SkuToPlan>> skusToPlan() {
        return NativeSql.of("""
                SELECT i.sku, EXISTS (SELECT 1 FROM supplier_item si
                                      JOIN supplier s ON s.code = si.supplier
                                      LEFT JOIN planning_item p ON p.sku = si.sku
                                      WHERE si.sku = i.sku AND (p.supplier IS NULL OR p.supplier = si.supplier))
                FROM item i
                WHERE i.kind = 'STANDARD' AND EXISTS (SELECT 1 FROM stock_level s
                                                      JOIN location l ON l.code = s.location AND l.type <> 'SUPPLIER'
                                                      WHERE s.sku = i.sku)
                ORDER BY i.sku""")
                .list(row -> new SkuToPlan((String) row[0], Rows.bool(row[1])));
    }

    /**
     * The supplier the SKU is bought from: the one set for it (planning_item), else the supplier item with the
     * lowest unit cost (the first by code among equals); null when no supplier sells it. The measured lead time is
     * left at none: the caller takes it from the purchasing feature.
     */
    public Uni<SupplierChoice> supplierOf(String sku) {
        return NativeSql.of("""
                SELECT s.code, s.lead_time_days, s.minimum_order_quantity, s.order_multiple, si.pack_size,
                       coalesce(si.unit_cost, i.unit_cost)
                FROM supplier_item si
                JOIN supplier s ON s.code = si.supplier
                JOIN item i ON i.sku = si.sku
                LEFT JOIN planning_item p ON p.sku = si.sku
                WHERE si.sku = :sku AND (p.supplier IS NULL OR p.supplier = si.supplier)
                ORDER BY si.unit_cost NULLS LAST, s.code LIMIT 1""")
                .set("sku", sku)
                .first(row -> new SupplierChoice((String) row[0], ((Number) row[1]).intValue(), Rows.longValue(row[2]),
                        SupplierChoice.multiple(Rows.longValue(row[3]), Rows.longValue(row[4])),
                        (BigDecimal) row[5], 0, 0, 0));
    }

    /** The reorder points stored for the SKU, by location, locked so two refreshes of one SKU queue up. */
    public Uni<Map<String, Long>> lockReorderPoints(String sku) {
        return NativeSql.of(
                "SELECT location, reorder_point FROM planning_policy WHERE sku = :sku FOR UPDATE")
                .set("sku", sku).rows()
                .map(rows -> {
                    Map<String, Long> points = new HashMap<>();
                    rows.forEach(row -> points.put((String) row[0], Rows.longValue(row[1])));
                    return points;
                });
    }

    public Uni<Void> save(StoredPolicy stored) {
        PlanningPolicy p = stored.policy();
        StoredPolicy.History h = stored.history();
        return NativeSql.of("INSERT INTO planning_policy ("
                + POLICY_COLUMNS + """
                ) VALUES (:sku, :location, :supplier, :method, :forecastMethod, :daily, :spread,
                          CAST(:mase AS double precision), CAST(:bias AS double precision), :safety, :reorderPoint,
                          :orderQuantity, :serviceLevel, :abcClass, :leadTime, :leadTimeSpread, :measured, :days,
                          :demand, :stockoutDays, :promotionDays, :promotionUnits, :returned, :transferred,
                          :computedAt)
                ON CONFLICT (sku, location) DO UPDATE SET supplier = EXCLUDED.supplier, method = EXCLUDED.method,
                    forecast_method = EXCLUDED.forecast_method, daily_forecast = EXCLUDED.daily_forecast,
                    daily_std_dev = EXCLUDED.daily_std_dev, mase = EXCLUDED.mase, bias = EXCLUDED.bias,
                    safety_stock = EXCLUDED.safety_stock, reorder_point = EXCLUDED.reorder_point,
                    order_quantity = EXCLUDED.order_quantity, service_level = EXCLUDED.service_level,
                    abc_class = EXCLUDED.abc_class, lead_time_days = EXCLUDED.lead_time_days,
                    lead_time_std_dev_days = EXCLUDED.lead_time_std_dev_days,
                    lead_time_measured = EXCLUDED.lead_time_measured, history_days = EXCLUDED.history_days,
                    demand_units = EXCLUDED.demand_units, stockout_days = EXCLUDED.stockout_days,
                    promotion_days = EXCLUDED.promotion_days, promotion_units = EXCLUDED.promotion_units,
                    returned_units = EXCLUDED.returned_units, transferred_units = EXCLUDED.transferred_units,
                    computed_at = EXCLUDED.computed_at""")
                .set("sku", stored.sku()).set("location", stored.location())
                .set("supplier", stored.supplier()).set("method", p.kind().name())
                .set("forecastMethod", p.forecastMethod()).set("daily", p.dailyForecast())
                .set("spread", p.dailyStdDev()).set("mase", finiteOrNull(p.mase()))
                .set("bias", finiteOrNull(p.bias())).set("safety", p.safetyStock())
                .set("reorderPoint", p.reorderPoint()).set("orderQuantity", p.orderQuantity())
                .set("serviceLevel", stored.serviceLevel()).set("abcClass", stored.abcClass())
                .set("leadTime", stored.leadTimeDays()).set("leadTimeSpread", stored.leadTimeStdDevDays())
                .set("measured", stored.leadTimeMeasured()).set("days", h.days())
                .set("demand", h.demandUnits()).set("stockoutDays", h.stockoutDays())
                .set("promotionDays", h.promotionDays()).set("promotionUnits", h.promotionUnits())
                .set("returned", h.returnedUnits()).set("transferred", h.transferredUnits())
                .set("computedAt", stored.computedAt())
                .update()
                .replaceWithVoid();
    }

    /** The SKU's policies, one per location, in location order. */
    public Uni<List<StoredPolicy>> ofSku(String sku) {
        return NativeSql.of("SELECT " + POLICY_COLUMNS
                + " FROM planning_policy WHERE sku = :sku ORDER BY location")
                .set("sku", sku)
                .list(PolicyRepository::stored);
    }

    /**
     * Every active SKU and location whose inventory position, with what draft purchase orders to the policy's
     * supplier already hold for it, is at or under its reorder point while it sells; by supplier, SKU, location.
     */
    public Uni<List<Candidate>> underReorderPoint(String supplier, String location) {
        String sql = """
                SELECT p.supplier, p.sku, p.location, s.on_hand, s.incoming, s.committed, s.reserved,
                       coalesce(d.drafted, 0), p.reorder_point, p.order_quantity, p.daily_forecast, p.lead_time_days,
                       p.method, p.forecast_method, su.minimum_order_quantity, su.order_multiple,
                       coalesce(si.pack_size, 1), coalesce(si.unit_cost, i.unit_cost)
                FROM planning_policy p
                JOIN stock_level s ON s.sku = p.sku AND s.location = p.location
                JOIN item i ON i.sku = p.sku AND i.status = 'ACTIVE' AND i.kind = 'STANDARD'
                JOIN supplier su ON su.code = p.supplier
                LEFT JOIN supplier_item si ON si.supplier = p.supplier AND si.sku = p.sku
                LEFT JOIN (SELECT o.supplier, o.location, l.sku, CAST(sum(l.quantity) AS bigint) AS drafted
                           FROM purchase_order o JOIN purchase_order_line l ON l.number = o.number
                           WHERE o.status = 'DRAFT' GROUP BY o.supplier, o.location, l.sku) d
                       ON d.supplier = p.supplier AND d.location = p.location AND d.sku = p.sku
                WHERE p.daily_forecast > 0
                  AND s.on_hand + s.incoming - s.committed - s.reserved + coalesce(d.drafted, 0) <= p.reorder_point
                  AND (CAST(:supplier AS text) IS NULL OR p.supplier = :supplier)
                  AND (CAST(:location AS text) IS NULL OR p.location = :location)
                ORDER BY p.supplier, p.sku, p.location""";
        return NativeSql.of(sql)
                .set("supplier", supplier).set("location", location)
                .list(row -> new Candidate((String) row[0], (String) row[1], (String) row[2],
                        Rows.longValue(row[3]), Rows.longValue(row[4]), Rows.longValue(row[5]), Rows.longValue(row[6]),
                        Rows.longValue(row[7]), Rows.longValue(row[8]), Rows.longValue(row[9]),
                        ((Number) row[10]).doubleValue(), ((Number) row[11]).doubleValue(), (String) row[12],
                        (String) row[13], Rows.longValue(row[14]),
                        SupplierChoice.multiple(Rows.longValue(row[15]), Rows.longValue(row[16])),
                        (BigDecimal) row[17]));
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double doubleOrNaN(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static StoredPolicy stored(Object[] row) {
        PlanningPolicy policy = new PlanningPolicy(PolicyKind.valueOf((String) row[3]), (String) row[4],
                ((Number) row[5]).doubleValue(), ((Number) row[6]).doubleValue(), doubleOrNaN(row[7]),
                doubleOrNaN(row[8]), ((Number) row[9]).doubleValue(), Rows.longValue(row[10]), Rows.longValue(row[11]));
        StoredPolicy.History history = new StoredPolicy.History(((Number) row[17]).intValue(), Rows.longValue(row[18]),
                ((Number) row[19]).intValue(), ((Number) row[20]).intValue(), Rows.longValue(row[21]),
                Rows.longValue(row[22]), Rows.longValue(row[23]));
        return new StoredPolicy((String) row[0], (String) row[1], (String) row[2], policy,
                ((Number) row[12]).doubleValue(), (String) row[13], ((Number) row[14]).doubleValue(),
                ((Number) row[15]).doubleValue(), Rows.bool(row[16]), history, Rows.time(row[24]));
    }
}
