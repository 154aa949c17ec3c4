package io.stockline.inventory.counting.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.AbcClassifier;
import io.stockline.inventory.counting.domain.AbcEntry;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** The consumption the ABC classes come from, and the classes of every SKU (table sku_abc). */
@ApplicationScoped
public class AbcRepository {

    private static final String ENTRY = """
            SELECT i.sku, coalesce(a.manual_class, a.computed_class, 'C'), a.computed_class,
                   coalesce(a.consumed_units, 0), coalesce(a.consumption_value, 0), a.computed_at,
                   a.manual_class, a.set_by, a.set_at
            FROM item i LEFT JOIN sku_abc a ON a.sku = i.sku
            WHERE i.kind = 'STANDARD'
            """;

    private final ObjectMapper json;

    public AbcRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What every standard SKU consumed since {@code since}: the units that left through SALE and COMMIT, and their
     * value at the item's unit cost (0 without one).
     */
    public Uni<List<AbcClassifier.Consumption>> consumption(OffsetDateTime since) {
        return NativeSql.of("""
                SELECT i.sku, coalesce(sum(m.quantity), 0), coalesce(sum(m.quantity), 0) * coalesce(i.unit_cost, 0)
                FROM item i
                LEFT JOIN movement m ON m.sku = i.sku AND m.type IN ('SALE', 'COMMIT') AND m.created_at >= :since
                WHERE i.kind = 'STANDARD'
                GROUP BY i.sku, i.unit_cost
                """)
                .set("since", since)
                .list(row -> new AbcClassifier.Consumption((String) row[0],
                        Rows.longValue(row[1]), new BigDecimal(row[2].toString())));
    }

    /**
     * Stores the computed classes in one statement; pinned classes stay as they are. The rows go as one JSON text (a
     * parameter typed json would be sent as a JSON string, not parsed).
     */
    public Uni<Void> saveComputed(List<AbcClassifier.Classified> classified, OffsetDateTime computedAt) {
        if (classified.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String rows;
        try {
            rows = json.writeValueAsString(classified.stream().map(c -> Map.of("sku", c.sku(),
                    "class", c.abcClass().name(), "units", c.units(), "value", c.value())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return NativeSql.of("""
                INSERT INTO sku_abc (sku, computed_class, consumed_units, consumption_value, computed_at)
                SELECT r.sku, r.class, r.units, r.value, :computedAt
                FROM json_to_recordset(CAST(CAST(:rows AS TEXT) AS json)) AS r(sku TEXT, class TEXT, units BIGINT, value NUMERIC)
                ON CONFLICT (sku) DO UPDATE SET computed_class = EXCLUDED.computed_class,
                    consumed_units = EXCLUDED.consumed_units, consumption_value = EXCLUDED.consumption_value,
                    computed_at = EXCLUDED.computed_at
                """)
                .set("rows", rows).set("computedAt", computedAt)
                .update()
                .replaceWithVoid();
    }

    /** Pins the class by hand ({@code null} unpins it: the computed class is in force again). */
    public Uni<Void> pin(String sku, AbcClass manualClass, String actor) {
        return NativeSql.of("""
                INSERT INTO sku_abc (sku, manual_class, set_by, set_at) VALUES (:sku, :manual, :actor, now())
                ON CONFLICT (sku) DO UPDATE SET manual_class = EXCLUDED.manual_class, set_by = EXCLUDED.set_by,
                    set_at = EXCLUDED.set_at
                """)
                .set("sku", sku).set("manual", manualClass == null ? null : manualClass.name())
                .set("actor", actor)
                .update()
                .replaceWithVoid();
    }

    public Uni<AbcEntry> entry(String sku) {
        return NativeSql.of(ENTRY + " AND i.sku = :sku").set("sku", sku)
                .first(AbcRepository::toEntry);
    }

    /** Every standard SKU's class, the most consumed first, optionally only one class. */
    public Uni<List<AbcEntry>> entries(AbcClass only, int limit) {
        String sql = ENTRY + (only == null ? "" : " AND coalesce(a.manual_class, a.computed_class, 'C') = :only")
                + " ORDER BY coalesce(a.consumption_value, 0) DESC, i.sku LIMIT :limit";
        NativeSql query = NativeSql.of(sql).set("limit", limit);
        if (only != null) {
            query.set("only", only.name());
        }
        return query.list(AbcRepository::toEntry);
    }

    private static AbcEntry toEntry(Object[] row) {
        return new AbcEntry((String) row[0], AbcClass.valueOf((String) row[1]), abcClass(row[2]),
                Rows.longValue(row[3]), new BigDecimal(row[4].toString()), Rows.time(row[5]), abcClass(row[6]),
                (String) row[7], Rows.time(row[8]));
    }

    private static AbcClass abcClass(Object value) {
        return value == null ? null : AbcClass.valueOf(value.toString());
    }
}
