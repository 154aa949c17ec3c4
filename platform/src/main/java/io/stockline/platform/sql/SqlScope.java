package io.stockline.platform.sql;

import java.util.function.Supplier;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * The connection of the current {@link WithConnection} or {@link WithTransaction} scope, kept on the Vert.x duplicated
 * context of the request or record it serves (as Hibernate Reactive kept its session), so that {@link NativeSql}
 * finds it however deep in the method's {@code Uni} a statement is started.
 */
public final class SqlScope {

    private static final String KEY = SqlScope.class.getName();

    /** A connection and whether a transaction is open on it. */
    record Scope(SqlConnection connection, boolean inTransaction) {
    }

    private SqlScope() {
    }

    /** The current scope's connection, or null outside any. */
    static SqlConnection connection() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return null;
        }
        Scope scope = context.getLocal(KEY);
        return scope == null ? null : scope.connection();
    }

    /** {@code work} on a connection of its own (or the current scope's), returned to the pool when it ends. */
    static <T> Uni<T> withConnection(Pool pool, Supplier<Uni<T>> work) {
        Context context = duplicatedContext();
        if (context.getLocal(KEY) != null) {
            return work.get();
        }
        return pool.getConnection().chain(connection -> within(context, new Scope(connection, false), work)
                .eventually(connection::close));
    }

    /**
     * {@code work} in a transaction: a new one on a connection of its own; the current one, joined; or one opened on
     * the current scope's connection, which it is then back to when the transaction ends.
     */
    static <T> Uni<T> withTransaction(Pool pool, Supplier<Uni<T>> work) {
        Context context = duplicatedContext();
        Scope outer = context.getLocal(KEY);
        if (outer != null && outer.inTransaction()) {
            return work.get();
        }
        if (outer != null) {
            return inTransaction(context, outer.connection(), work).eventually(() -> context.putLocal(KEY, outer));
        }
        return pool.getConnection().chain(connection -> inTransaction(context, connection, work)
                .eventually(connection::close));
    }

    private static <T> Uni<T> inTransaction(Context context, SqlConnection connection, Supplier<Uni<T>> work) {
        return connection.begin().chain(transaction -> within(context, new Scope(connection, true), work)
                .onFailure().call(() -> rollback(transaction))
                .call(transaction::commit));
    }

    private static Uni<Void> rollback(Transaction transaction) {
        // the work's failure is what the caller is told of, not a rollback's on a connection already broken
        return transaction.rollback().onFailure().recoverWithNull();
    }

    // the scope is put on, and taken off, the context it was entered on, whichever thread its stages end on
    private static <T> Uni<T> within(Context context, Scope scope, Supplier<Uni<T>> work) {
        context.putLocal(KEY, scope);
        return Uni.createFrom().<T>deferred(work::get).eventually(() -> context.removeLocal(KEY));
    }

    private static Context duplicatedContext() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            throw new IllegalStateException("a database scope needs a Vert.x duplicated context (a request, a record, a "
                    + "scheduled method); this thread has " + (context == null ? "none" : "a root context"));
        }
        return context;
    }
}
