package io.stockline.alert.repository;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Rule;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class RuleRepository {

    private static final String COLUMNS = "id, kind, sku, location, channel, threshold, cooldown_seconds, enabled";

    public Uni<List<Rule>> all() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT " + COLUMNS + " FROM alert_rule ORDER BY kind, created_at, id", Object[].class).getResultList())
                .map(rows -> rows.stream().map(RuleRepository::rule).toList());
    }

    /** The rules that may cover a (SKU, location): all of its SKU's, its location's, and the ones for all. */
    public Uni<List<Rule>> forStock(String sku, String location) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM alert_rule WHERE channel IS NULL AND (sku IS NULL OR sku = :sku)"
                + " AND (location IS NULL OR location = :location)", Object[].class)
                .setParameter("sku", sku).setParameter("location", location).getResultList())
                .map(rows -> rows.stream().map(RuleRepository::rule).toList());
    }

    /** The rules of a kind scoped by channel (SYNC_FAILING per channel, DEAD_LETTERS per topic) covering one. */
    public Uni<List<Rule>> forChannel(AlertKind kind, String channel) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM alert_rule WHERE kind = :kind AND (channel IS NULL OR channel = :channel)",
                Object[].class)
                .setParameter("kind", kind.name()).setParameter("channel", channel).getResultList())
                .map(rows -> rows.stream().map(RuleRepository::rule).toList());
    }

    public Uni<Rule> find(UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT " + COLUMNS + " FROM alert_rule WHERE id = :id", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.isEmpty() ? null : rule(rows.get(0)));
    }

    /** Inserts the rule; false when a rule of its kind and scope exists already. */
    public Uni<Boolean> insert(Rule rule) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO alert_rule (id, kind, sku, location, channel, threshold, cooldown_seconds, enabled)
                VALUES (:id, :kind, CAST(:sku AS text), CAST(:location AS text), CAST(:channel AS text),
                        CAST(:threshold AS bigint), :cooldown, :enabled)
                ON CONFLICT DO NOTHING""")
                .setParameter("id", rule.id()).setParameter("kind", rule.kind().name())
                .setParameter("sku", rule.sku()).setParameter("location", rule.location())
                .setParameter("channel", rule.channel()).setParameter("threshold", rule.threshold())
                .setParameter("cooldown", rule.cooldown().toSeconds()).setParameter("enabled", rule.enabled())
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Changes the threshold, cool-down and switch of a rule (its kind and scope stay); false when there is none. */
    public Uni<Boolean> update(Rule rule) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE alert_rule SET threshold = CAST(:threshold AS bigint), cooldown_seconds = :cooldown,
                       enabled = :enabled, updated_at = now()
                WHERE id = :id""")
                .setParameter("id", rule.id()).setParameter("threshold", rule.threshold())
                .setParameter("cooldown", rule.cooldown().toSeconds()).setParameter("enabled", rule.enabled())
                .executeUpdate())
                .map(count -> count == 1);
    }

    public Uni<Boolean> delete(UUID id) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM alert_rule WHERE id = :id").setParameter("id", id).executeUpdate())
                .map(count -> count == 1);
    }

    static Rule rule(Object[] row) {
        return new Rule(Rows.uuid(row[0]), AlertKind.valueOf((String) row[1]), Rows.text(row[2]), Rows.text(row[3]),
                Rows.text(row[4]), Rows.longOrNull(row[5]), Duration.ofSeconds(((Number) row[6]).longValue()),
                Boolean.TRUE.equals(row[7]));
    }
}
