package io.stockline.allocation.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;
import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;

/** Statements in the platform's database scopes, for {@link SqlScopeTest}: each answers the transaction ids it saw. */
@ApplicationScoped
public class ScopedStatements {

    private final Inner inner;

    public ScopedStatements(Inner inner) {
        this.inner = inner;
    }

    /** Marks the ids processed, one statement each, and answers each statement's transaction id. */
    @WithTransaction
    public Uni<List<Long>> markAll(List<UUID> ids) {
        return mark(ids);
    }

    /** As {@link #markAll}, then fails: nothing of it may stay. */
    @WithTransaction
    public Uni<List<Long>> markAllThenFail(List<UUID> ids) {
        return mark(ids).chain(() -> Uni.createFrom().failure(new IllegalStateException("refused after the writes")));
    }

    /** Marks {@code first} here, then {@code second} in another bean's transactional method, which joins this one. */
    @WithTransaction
    public Uni<List<Long>> markNested(UUID first, UUID second, boolean innerFails) {
        return mark(List.of(first)).chain(outer -> inner.mark(second, innerFails).map(inside -> {
            List<Long> all = new ArrayList<>(outer);
            all.addAll(inside);
            return all;
        }));
    }

    /** On one connection: a statement, a transaction of two, a statement after it. */
    @WithConnection
    public Uni<List<Long>> markAroundATransaction(UUID before, UUID firstInside, UUID secondInside, UUID after) {
        List<Long> seen = new ArrayList<>();
        return mark(List.of(before)).invoke(seen::addAll)
                .chain(() -> inner.markBoth(firstInside, secondInside)).invoke(seen::addAll)
                .chain(() -> mark(List.of(after))).invoke(seen::addAll)
                .replaceWith(seen);
    }

    /** Three rows, each turned by {@link NativeSql#list} as it is read, in the statement's order. */
    @WithConnection
    public Uni<List<String>> listed() {
        return NativeSql.of("""
                SELECT sku, cost FROM (VALUES (1, 'B', 2.50), (2, 'A', 1.25), (3, 'C', 3)) AS t(position, sku, cost)
                ORDER BY position DESC""").list(row -> row[0] + "=" + ((BigDecimal) row[1]).toPlainString());
    }

    /** The first row after {@code position} turned by {@link NativeSql#first}, null when there is none. */
    @WithConnection
    public Uni<String> firstAfter(int position) {
        return NativeSql.of("""
                SELECT sku FROM (VALUES (1, 'B'), (2, 'A'), (3, 'C')) AS t(position, sku) WHERE position > :position
                ORDER BY position""").set("position", position).first(row -> (String) row[0]);
    }

    static Uni<List<Long>> mark(List<UUID> ids) {
        Uni<List<Long>> chain = Uni.createFrom().item(List.of());
        for (UUID id : ids) {
            chain = chain.chain(seen -> NativeSql.of("""
                    WITH marked AS (INSERT INTO processed_event (event_id) VALUES (:id) RETURNING event_id)
                    SELECT txid_current() FROM marked""").set("id", id).column().map(column -> {
                List<Long> all = new ArrayList<>(seen);
                all.add(Rows.longValue(column.get(0)));
                return all;
            }));
        }
        return chain;
    }

    @ApplicationScoped
    public static class Inner {

        @WithTransaction
        public Uni<List<Long>> mark(UUID id, boolean fail) {
            return ScopedStatements.mark(List.of(id)).chain(seen -> fail
                    ? Uni.createFrom().failure(new IllegalStateException("the inner step refused"))
                    : Uni.createFrom().item(seen));
        }

        @WithTransaction
        public Uni<List<Long>> markBoth(UUID first, UUID second) {
            return ScopedStatements.mark(List.of(first, second));
        }
    }
}
