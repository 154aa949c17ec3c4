package io.stockline.inventory.purchasing.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PurchaseReceiptRepository implements PanacheRepositoryBase<PurchaseReceipt, Long> {

    /** The receipt the caller ({@code actor}) booked under the key: keys are scoped per caller. */
    public Uni<PurchaseReceipt> findByIdempotencyKey(String actor, String key) {
        return find("actor = ?1 AND idempotencyKey = ?2", actor, key).firstResult();
    }

    public Uni<List<PurchaseReceipt>> ofOrder(String number) {
        return list("number", Sort.by("id"), number);
    }

    public Uni<Long> countOf(String number) {
        return count("number", number);
    }
}
