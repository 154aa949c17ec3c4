package io.stockline.inventory.transfers.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TransferRepository implements PanacheRepositoryBase<Transfer, String> {

    public Uni<String> nextNumber() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT nextval('transfer_number_seq')", Long.class).getSingleResult())
                .map(n -> "TR-%06d".formatted(((Number) n).longValue()));
    }

    /** The transfer locked until the transaction ends, so two steps on it queue up. */
    public Uni<Transfer> lock(String number) {
        return findById(number, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<TransferLine>> lines(String number) {
        return Panache.getSession().flatMap(session -> session
                .createQuery("FROM TransferLine WHERE number = :number ORDER BY line", TransferLine.class)
                .setParameter("number", number).getResultList());
    }

    public Uni<Void> persistLine(TransferLine line) {
        return Panache.getSession().flatMap(session -> session.persist(line));
    }

    /** The receipt the caller ({@code actor}) booked under the key: keys are scoped per caller. */
    public Uni<TransferReceipt> receiptByKey(String actor, String key) {
        return Panache.getSession().flatMap(session -> session
                .createQuery("FROM TransferReceipt WHERE actor = :actor AND idempotencyKey = :key", TransferReceipt.class)
                .setParameter("actor", actor).setParameter("key", key).getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    public Uni<Void> persistReceipt(TransferReceipt receipt) {
        return Panache.getSession().flatMap(session -> session.persist(receipt));
    }

    public Uni<List<Transfer>> recent(int limit) {
        return findAll(Sort.descending("createdAt").and("number", Sort.Direction.Descending)).page(0, limit).list();
    }
}
