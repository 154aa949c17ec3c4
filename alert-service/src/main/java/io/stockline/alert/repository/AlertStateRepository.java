package io.stockline.alert.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Evaluation;
import io.stockline.alert.domain.Lifecycle;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Where each kind's condition stands per subject: the open alert, a pending condition, the cool-down. */
@ApplicationScoped
public class AlertStateRepository {

    /** A subject's state and the id of its open alert (null when none is open). */
    public record Row(Lifecycle.State state, UUID openAlertId) {
    }

    /** A subject of any kind: the parts its kind does not use are ''. */
    public record Subject(AlertKind kind, String sku, String location, String lot, String channel) {
    }

    /** The states of one (SKU, location), locked: stock kinds under lot '', NEAR_EXPIRY per lot. */
    public Uni<Map<Evaluation.Key, Row>> lockStock(String sku, String location) {
        return NativeSql.of("""
                SELECT kind, lot, open_alert_id, pending, cooldown_until FROM alert_state
                WHERE sku = :sku AND location = :location AND channel = '' FOR UPDATE""")
                .set("sku", sku).set("location", location)
                .rows()
                .map(rows -> {
                    Map<Evaluation.Key, Row> states = new HashMap<>();
                    for (Object[] row : rows) {
                        states.put(new Evaluation.Key(AlertKind.valueOf((String) row[0]), (String) row[1]),
                                row(row[2], row[3], row[4]));
                    }
                    return states;
                });
    }

    public Uni<Row> lockChannel(String channel) {
        return lockChannel(AlertKind.SYNC_FAILING, channel);
    }

    /** The state of a kind scoped by channel (SYNC_FAILING per channel, DEAD_LETTERS per topic), locked. */
    public Uni<Row> lockChannel(AlertKind kind, String channel) {
        return NativeSql.of("""
                SELECT open_alert_id, pending, cooldown_until FROM alert_state
                WHERE kind = :kind AND sku = '' AND location = '' AND lot = '' AND channel = :channel
                FOR UPDATE""")
                .set("kind", kind.name()).set("channel", channel)
                .rows()
                .map(rows -> rows.isEmpty() ? new Row(Lifecycle.State.CLEAR, null)
                        : row(rows.get(0)[0], rows.get(0)[1], rows.get(0)[2]));
    }

    private static Row row(Object openAlertId, Object pending, Object cooldownUntil) {
        UUID id = Rows.uuid(openAlertId);
        return new Row(new Lifecycle.State(id != null, Boolean.TRUE.equals(pending), Rows.instant(cooldownUntil)), id);
    }

    public Uni<Void> save(Subject subject, UUID openAlertId, boolean pending, Instant cooldownUntil) {
        return NativeSql.of("""
                INSERT INTO alert_state (kind, sku, location, lot, channel, open_alert_id, pending, cooldown_until)
                VALUES (:kind, :sku, :location, :lot, :channel, CAST(:alertId AS uuid), :pending,
                        CAST(:cooldownUntil AS timestamptz))
                ON CONFLICT (kind, sku, location, lot, channel) DO UPDATE
                SET open_alert_id = EXCLUDED.open_alert_id, pending = EXCLUDED.pending,
                    cooldown_until = EXCLUDED.cooldown_until, updated_at = now()""")
                .set("kind", subject.kind().name()).set("sku", subject.sku())
                .set("location", subject.location()).set("lot", subject.lot())
                .set("channel", subject.channel())
                .set("alertId", openAlertId)
                .set("pending", pending)
                .set("cooldownUntil", cooldownUntil == null ? null : cooldownUntil.atOffset(ZoneOffset.UTC))
                .update()
                .replaceWithVoid();
    }

    /** Subjects held pending whose cool-down has passed: they open now if their condition still holds. */
    public Uni<List<Subject>> pendingDue(OffsetDateTime now, int limit) {
        return NativeSql.of("""
                SELECT DISTINCT kind, sku, location, lot, channel FROM alert_state
                WHERE pending AND cooldown_until <= :now ORDER BY sku, location, channel LIMIT :limit""")
                .set("now", now).set("limit", limit)
                .list(row -> new Subject(AlertKind.valueOf((String) row[0]), (String) row[1],
                        (String) row[2], (String) row[3], (String) row[4]));
    }
}
