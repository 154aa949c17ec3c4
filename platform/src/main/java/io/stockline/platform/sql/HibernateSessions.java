package io.stockline.platform.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;
import org.hibernate.reactive.session.ReactiveConnectionSupplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@link NativeSql}'s statements on the connection of the current Panache session, for the services still on Hibernate
 * Reactive. Only this class names Hibernate's types, and it is loaded only when a statement runs outside a
 * {@link SqlScope}: a service without Hibernate never loads it.
 */
final class HibernateSessions {

    private HibernateSessions() {
    }

    static Uni<List<Object[]>> rows(String text, Object[] values) {
        return connection().chain(connection -> Uni.createFrom()
                .completionStage(() -> connection.select(text, values)))
                .map(HibernateSessions::toList);
    }

    static Uni<Integer> update(String text, Object[] values) {
        return connection().chain(connection -> Uni.createFrom()
                .completionStage(() -> connection.update(text, values)));
    }

    private static Uni<ReactiveConnection> connection() {
        return Panache.getSession().map(HibernateSessions::connectionOf);
    }

    private static ReactiveConnection connectionOf(Mutiny.Session session) {
        // Mutiny.Session does not declare unwrap; its implementation hands out the reactive session it wraps
        if (!(session instanceof MutinySessionImpl implementation)) {
            throw new IllegalStateException("not a Hibernate Reactive session: " + session.getClass().getName());
        }
        return implementation.unwrap(ReactiveConnectionSupplier.class).getReactiveConnection();
    }

    private static List<Object[]> toList(ReactiveConnection.Result result) {
        List<Object[]> rows = new ArrayList<>(result.size());
        Iterator<Object[]> iterator = result;
        iterator.forEachRemaining(rows::add);
        return rows;
    }
}
