package io.stockline.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped locks on request keys. Two requests with the same key queue up instead of colliding
 * on a unique index (which would abort the transaction and answer 500): the second one then finds what
 * the first created and answers as a repeat or a conflict.
 */
@ApplicationScoped
public class KeyLocks {

    public enum Scope {
        MOVEMENT_IDEMPOTENCY_KEY(1), RESERVATION_IDEMPOTENCY_KEY(2), ITEM_SKU(3), LOCATION_CODE(4), PRODUCT(5),
        SUPPLIER_CODE(6), PURCHASE_RECEIPT_KEY(7), TRANSFER_RECEIPT_KEY(8);

        private final int id;

        Scope(int id) {
            this.id = id;
        }
    }

    /**
     * Holds the locks on every key until the transaction ends, taken in the order of their hashes so that two bulk
     * writers never wait on each other in a circle (an import's chunk against another import's, say).
     */
    public Uni<Void> lockAll(Scope scope, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT count(pg_advisory_xact_lock(:scope, h))
                FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS sorted""",
                Long.class)
                .setParameter("scope", scope.id).setParameter("keys", keys.toArray(String[]::new))
                .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Holds the lock on the {@code owner}'s {@code key} in {@code scope} until the transaction ends: keys that belong
     * to a caller (idempotency keys) lock apart from the same key of another caller.
     */
    public Uni<Void> lock(Scope scope, String owner, String key) {
        // The owner cannot hold a line break (a token subject), so owner and key never run into each other.
        return lock(scope, owner + "\n" + key);
    }

    /** Holds the lock on {@code key} in {@code scope} until the transaction ends. */
    public Uni<Void> lock(Scope scope, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT true FROM pg_advisory_xact_lock(:scope, hashtext(:key))", Boolean.class)
                .setParameter("scope", scope.id).setParameter("key", key)
                .getSingleResult())
                .replaceWithVoid();
    }
}
