package io.stockline.inventory.purchasing.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;

@ApplicationScoped
public class PurchaseOrderRepository implements PanacheRepositoryBase<PurchaseOrder, String> {

    /** PO-000001, PO-000002, ...: from a sequence, so two orders never share a number. */
    public Uni<String> nextNumber() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT nextval('purchase_order_number_seq')", Long.class).getSingleResult())
                .map(n -> "PO-%06d".formatted(((Number) n).longValue()));
    }

    /** The order locked until the transaction ends, so two steps on it (a receipt and a close) queue up. */
    public Uni<PurchaseOrder> lock(String number) {
        return findById(number, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<PurchaseOrderLine>> lines(String number) {
        return Panache.getSession().flatMap(session -> session
                .createQuery("FROM PurchaseOrderLine WHERE number = :number ORDER BY line", PurchaseOrderLine.class)
                .setParameter("number", number).getResultList());
    }

    public Uni<Void> persistLine(PurchaseOrderLine line) {
        return Panache.getSession().flatMap(session -> session.persist(line));
    }

    /** Orders newest first, optionally of one status or supplier, {@code limit} after skipping {@code page} pages. */
    public Uni<List<PurchaseOrder>> search(PurchaseOrderStatus status, String supplier, int page, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (supplier != null) {
            query.append(" and supplier = :supplier");
            params.put("supplier", supplier);
        }
        // Hibernate takes the first row as an int: a page beyond it (page 2147483646 of 100) holds no row, rather than
        // overflowing into a negative offset
        long first = (long) page * limit;
        if (first + limit - 1 > Integer.MAX_VALUE) {
            return Uni.createFrom().item(List.of());
        }
        return find(query.toString(), Sort.descending("createdAt").and("number", Sort.Direction.Descending), params)
                .range((int) first, (int) (first + limit - 1)).list();
    }
}
