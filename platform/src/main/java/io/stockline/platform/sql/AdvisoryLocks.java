package io.stockline.platform.sql;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL advisory locks held until the caller's transaction ends (a {@code @WithTransaction} method's). A scope
 * is a number of the caller's choosing that keeps its keys apart from another feature's; a key is hashed into the
 * scope, so two keys may share a lock (they then merely wait for each other). Many keys are taken in the order of
 * their hashes, so that two transactions never wait on each other in a circle. Advisory locks count against the
 * server's lock table: take a few hundred per transaction, not a table's worth (a wider change takes one shared
 * scope-wide lock instead, see {@link #lockAllUnderShared}).
 */
@ApplicationScoped
public class AdvisoryLocks {

    /** Holds exclusive locks on every key until the transaction ends. */
    public Uni<Void> lockAll(int scope, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of("""
                SELECT count(pg_advisory_xact_lock(:scope, h))
                FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS sorted""")
                .set("scope", scope).set("keys", keys.toArray(String[]::new))
                .rows().replaceWithVoid();
    }

    /**
     * Holds the shared lock on {@code sharedKey} of {@code sharedScope}, then exclusive locks on every key (as
     * {@link #lockAll}), in one statement. Any number of transactions hold a shared lock together, and {@link #lock}
     * on the same key waits for all of them (and they for it).
     */
    public Uni<Void> lockAllUnderShared(int sharedScope, String sharedKey, int scope, Collection<String> keys) {
        return NativeSql.of("""
                SELECT count(CASE WHEN shared THEN pg_advisory_xact_lock_shared(:sharedScope, h)
                                  ELSE pg_advisory_xact_lock(:scope, h) END)
                FROM (SELECT true AS shared, hashtext(:sharedKey) AS h
                      UNION ALL
                      SELECT DISTINCT false, hashtext(k) FROM unnest(CAST(:keys AS text[])) AS k
                      ORDER BY 1 DESC, 2) AS sorted""")
                .set("sharedScope", sharedScope).set("sharedKey", sharedKey)
                .set("scope", scope).set("keys", keys.toArray(String[]::new))
                .rows().replaceWithVoid();
    }

    /**
     * Holds the shared lock on {@code sharedKey} of {@code sharedScope}, the exclusive lock on {@code ownerKey} of
     * {@code ownerScope}, then shared locks on every key of {@code scope}, in that order and in one statement. For a
     * writer that touches only its owner's rows of the keys: writers of different owners go on together, one of the
     * same owner waits, and {@link #lockAllUnderShared} on any of the keys (a writer of every owner's rows) waits for
     * them all (and they for it). Like {@link #lockAll}, the keys go in the order of their hashes: a transaction that
     * holds these must not ask for an exclusive lock on one of the keys later, or two of them could wait on each other.
     */
    public Uni<Void> lockAllSharedUnderShared(int sharedScope, String sharedKey, int ownerScope, String ownerKey,
            int scope, Collection<String> keys) {
        return NativeSql.of("""
                SELECT count(CASE kind WHEN 0 THEN pg_advisory_xact_lock_shared(:sharedScope, h)
                                       WHEN 1 THEN pg_advisory_xact_lock(:ownerScope, h)
                                       ELSE pg_advisory_xact_lock_shared(:scope, h) END)
                FROM (SELECT 0 AS kind, hashtext(:sharedKey) AS h
                      UNION ALL
                      SELECT 1, hashtext(:ownerKey)
                      UNION ALL
                      SELECT DISTINCT 2, hashtext(k) FROM unnest(CAST(:keys AS text[])) AS k
                      ORDER BY 1, 2) AS sorted""")
                .set("sharedScope", sharedScope).set("sharedKey", sharedKey)
                .set("ownerScope", ownerScope).set("ownerKey", ownerKey)
                .set("scope", scope).set("keys", keys.toArray(String[]::new))
                .rows().replaceWithVoid();
    }

    /** Holds the exclusive lock on {@code key} until the transaction ends. */
    public Uni<Void> lock(int scope, String key) {
        return NativeSql.of("SELECT true FROM pg_advisory_xact_lock(:scope, hashtext(:key))")
                .set("scope", scope).set("key", key)
                .rows().replaceWithVoid();
    }
}
