package io.stockline.alert.repository;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertKind;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class AlertRepository {

    /** What a list of alerts is narrowed to; null parts do not narrow. */
    public record Filter(Alert.Status status, AlertKind kind, String sku, String location, String channel,
            Boolean acknowledged, int limit) {
    }

    private static final String COLUMNS = """
            id, kind, status, sku, location, lot, channel, observed, threshold, detail, rule_id, opened_at,
            resolved_at, acknowledged_at, acknowledged_by""";

    public Uni<Void> insert(Alert alert) {
        return NativeSql.of("""
                INSERT INTO alert (id, kind, status, sku, location, lot, channel, observed, threshold, detail, rule_id,
                                   opened_at)
                VALUES (:id, :kind, :status, CAST(:sku AS text), CAST(:location AS text), CAST(:lot AS text),
                        CAST(:channel AS text), CAST(:observed AS bigint), CAST(:threshold AS bigint),
                        CAST(:detail AS text), CAST(:ruleId AS uuid), :openedAt)""")
                .set("id", alert.id()).set("kind", alert.kind().name())
                .set("status", alert.status().name()).set("sku", alert.sku())
                .set("location", alert.location()).set("lot", alert.lot())
                .set("channel", alert.channel()).set("observed", alert.observed())
                .set("threshold", alert.threshold()).set("detail", alert.detail())
                .set("ruleId", alert.ruleId())
                .set("openedAt", alert.openedAt())
                .update()
                .replaceWithVoid();
    }

    /** Resolves an open alert; the resolved alert, or null when it was not open. */
    public Uni<Alert> resolve(UUID id, OffsetDateTime at) {
        return NativeSql.of(
                "UPDATE alert SET status = 'RESOLVED', resolved_at = :at WHERE id = :id AND status = 'OPEN' RETURNING "
                        + COLUMNS)
                .set("id", id).set("at", at)
                .first(AlertRepository::alert);
    }

    /** Updates the figure and detail of an open alert (a DEAD_LETTERS alert's count and latest reason). */
    public Uni<Void> updateOpen(UUID id, Long observed, String detail) {
        return NativeSql.of(
                "UPDATE alert SET observed = CAST(:observed AS bigint), detail = :detail WHERE id = :id AND status = 'OPEN'")
                .set("id", id).set("observed", observed).set("detail", detail)
                .update()
                .replaceWithVoid();
    }

    /** Acknowledges once: the first acknowledgement stands. Null when there is no such alert. */
    public Uni<Alert> acknowledge(UUID id, String by) {
        return NativeSql.of(
                "UPDATE alert SET acknowledged_at = coalesce(acknowledged_at, now()), "
                        + "acknowledged_by = coalesce(acknowledged_by, :by) WHERE id = :id RETURNING " + COLUMNS)
                .set("id", id).set("by", by)
                .first(AlertRepository::alert);
    }

    public Uni<Alert> find(UUID id) {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM alert WHERE id = :id")
                .set("id", id)
                .first(AlertRepository::alert);
    }

    public Uni<List<Alert>> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE true");
        Map<String, Object> parameters = new HashMap<>();
        narrow(sql, parameters, "status", filter.status() == null ? null : filter.status().name());
        narrow(sql, parameters, "kind", filter.kind() == null ? null : filter.kind().name());
        narrow(sql, parameters, "sku", filter.sku());
        narrow(sql, parameters, "location", filter.location());
        narrow(sql, parameters, "channel", filter.channel());
        if (filter.acknowledged() != null) {
            sql.append(filter.acknowledged() ? " AND acknowledged_at IS NOT NULL" : " AND acknowledged_at IS NULL");
        }
        sql.append(" ORDER BY opened_at DESC, id LIMIT :limit");
        parameters.put("limit", filter.limit());
        NativeSql query = NativeSql.of(sql.toString());
        parameters.forEach(query::set);
        return query.list(AlertRepository::alert);
    }

    /** Alerts opened or resolved in (from, to], oldest first: what a digest summarises. */
    public Uni<List<Alert>> changedBetween(OffsetDateTime from, OffsetDateTime to) {
        return NativeSql.of("SELECT " + COLUMNS
                + " FROM alert WHERE (opened_at > :from AND opened_at <= :to)"
                + " OR (resolved_at > :from AND resolved_at <= :to) ORDER BY opened_at, id")
                .set("from", from).set("to", to)
                .list(AlertRepository::alert);
    }

    private static void narrow(StringBuilder sql, Map<String, Object> parameters, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            parameters.put(column, value);
        }
    }

    static Alert alert(Object[] row) {
        return new Alert(Rows.uuid(row[0]), AlertKind.valueOf((String) row[1]), Alert.Status.valueOf((String) row[2]),
                Rows.text(row[3]), Rows.text(row[4]), Rows.text(row[5]), Rows.text(row[6]), Rows.longOrNull(row[7]),
                Rows.longOrNull(row[8]), Rows.text(row[9]), Rows.uuid(row[10]), Rows.time(row[11]), Rows.time(row[12]),
                Rows.time(row[13]), Rows.text(row[14]));
    }
}
