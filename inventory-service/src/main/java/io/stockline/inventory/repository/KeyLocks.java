package io.stockline.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.AdvisoryLocks;

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

    private final AdvisoryLocks locks;

    public KeyLocks(AdvisoryLocks locks) {
        this.locks = locks;
    }

    /**
     * Holds the locks on every key until the transaction ends, taken in the order of their hashes so that two bulk
     * writers never wait on each other in a circle (an import's chunk against another import's, say).
     */
    public Uni<Void> lockAll(Scope scope, java.util.Collection<String> keys) {
        return locks.lockAll(scope.id, keys);
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
        return locks.lock(scope.id, key);
    }
}
