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

    /** Holds the lock on {@code key} in {@code scope} until the transaction ends. */
    public Uni<Void> lock(Scope scope, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT true FROM pg_advisory_xact_lock(:scope, hashtext(:key))", Boolean.class)
                .setParameter("scope", scope.id).setParameter("key", key)
                .getSingleResult())
                .replaceWithVoid();
    }
}
