package io.stockline.platform.sql;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The database scopes of {@link WithTransaction} and {@link WithConnection} for code that opens them itself (a test's
 * set-up, work that decides at run time): the same {@link SqlScope}, on the service's reactive pool.
 */
@ApplicationScoped
public class Transactions {

    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    /** {@code work} in a transaction: committed when its {@code Uni} succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return SqlScope.withTransaction(pool, work);
    }

    /** {@code work}'s statements on one connection, each committed on its own. */
    public <T> Uni<T> onConnection(Supplier<Uni<T>> work) {
        return SqlScope.withConnection(pool, work);
    }
}
