package io.stockline.alert.repository;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Rule;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class RuleRepository {

    private static final String COLUMNS = "id, kind, sku, location, channel, threshold, cooldown_seconds, enabled";

    public Uni<List<Rule>> all() {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM alert_rule ORDER BY kind, created_at, id")
                .list(RuleRepository::rule);
    }

    /** The rules that may cover a (SKU, location): all of its SKU's, its location's, and the ones for all. */
    public Uni<List<Rule>> forStock(String sku, String location) {
        return NativeSql.of("SELECT " + COLUMNS
                + " FROM alert_rule WHERE channel IS NULL AND (sku IS NULL OR sku = :sku)"
                + " AND (location IS NULL OR location = :location)")
                .set("sku", sku).set("location", location)
                .list(RuleRepository::rule);
    }

    /** The rules of a kind scoped by channel (SYNC_FAILING per channel, DEAD_LETTERS per topic) covering one. */
    public Uni<List<Rule>> forChannel(AlertKind kind, String channel) {
        return NativeSql.of("SELECT " + COLUMNS
                + " FROM alert_rule WHERE kind = :kind AND (channel IS NULL OR channel = :channel)")
                .set("kind", kind.name()).set("channel", channel)
                .list(RuleRepository::rule);
    }

    public Uni<Rule> find(UUID id) {
        return NativeSql.of(
                "SELECT " + COLUMNS + " FROM alert_rule WHERE id = :id")
                .set("id", id)
                .first(RuleRepository::rule);
    }

    /** Inserts the rule; false when a rule of its kind and scope exists already. */
    public Uni<Boolean> insert(Rule rule) {
        return NativeSql.of("""
                INSERT INTO alert_rule (id, kind, sku, location, channel, threshold, cooldown_seconds, enabled)
                VALUES (:id, :kind, CAST(:sku AS text), CAST(:location AS text), CAST(:channel AS text),
                        CAST(:threshold AS bigint), :cooldown, :enabled)
                ON CONFLICT DO NOTHING""")
                .set("id", rule.id()).set("kind", rule.kind().name())
                .set("sku", rule.sku()).set("location", rule.location())
                .set("channel", rule.channel()).set("threshold", rule.threshold())
                .set("cooldown", rule.cooldown().toSeconds()).set("enabled", rule.enabled())
                .update()
                .map(count -> count == 1);
    }

    /**
     * Changes the threshold, cool-down and switch of a rule (its kind and scope stay), a null keeping the column's
     * value; the rule as changed, or null when there is none. Merged by the statement itself, on the row as it is
     * when written, so that two changes of different fields at once both stay.
     */
    public Uni<Rule> change(UUID id, Long threshold, Long cooldownSeconds, Boolean enabled) {
        return NativeSql.of("""
                UPDATE alert_rule SET threshold = coalesce(CAST(:threshold AS bigint), threshold),
                       cooldown_seconds = coalesce(CAST(:cooldown AS bigint), cooldown_seconds),
                       enabled = coalesce(CAST(:enabled AS boolean), enabled), updated_at = now()
                WHERE id = :id RETURNING\s""" + COLUMNS)
                .set("id", id).set("threshold", threshold)
                .set("cooldown", cooldownSeconds).set("enabled", enabled)
                .first(RuleRepository::rule);
    }

    public Uni<Boolean> delete(UUID id) {
        return NativeSql.of(
                "DELETE FROM alert_rule WHERE id = :id").set("id", id).update()
                .map(count -> count == 1);
    }

    static Rule rule(Object[] row) {
        return new Rule(Rows.uuid(row[0]), AlertKind.valueOf((String) row[1]), Rows.text(row[2]), Rows.text(row[3]),
                Rows.text(row[4]), Rows.longOrNull(row[5]), Duration.ofSeconds(((Number) row[6]).longValue()),
                Boolean.TRUE.equals(row[7]));
    }
}
