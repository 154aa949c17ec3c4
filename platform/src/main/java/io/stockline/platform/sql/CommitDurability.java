package io.stockline.platform.sql;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * How the current transaction's COMMIT waits for the disk (PostgreSQL's {@code synchronous_commit}, for this
 * transaction alone).
 * <p>
 * A COMMIT normally returns once its WAL is flushed, and the transaction keeps its locks until then. For a transaction
 * whose loss in a database crash only makes work be done again that is safe to do again, the flush buys nothing
 * and makes every transaction waiting on its locks wait for the disk too. Such a transaction may call
 * {@link #repeatableIfLost()}: its COMMIT then returns once its commit record is in PostgreSQL's WAL buffers, its
 * locks go at once, and the WAL writer flushes it within three {@code wal_writer_delay}s (600 ms by default). Only a
 * crash of the database server (not of the service) can lose it; never half of it, and a transaction committed after
 * it is never kept without it (the WAL is flushed in order). Never for a transaction whose effect is acknowledged
 * elsewhere (a consumer's offset, an HTTP answer) or counted against a limit.
 */
@ApplicationScoped
public class CommitDurability {

    /** The current transaction's COMMIT does not wait for the WAL flush (ends with the transaction). */
    public Uni<Void> repeatableIfLost() {
        return NativeSql.of("SELECT set_config('synchronous_commit', 'off', true)").rows().replaceWithVoid();
    }
}
