package io.stockline.inventory.repository;

import static io.stockline.inventory.repository.MovementRepository.toOffsetDateTime;
import static io.stockline.inventory.repository.StockRepository.asLong;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.SupplierOrderRequest;
import io.stockline.inventory.domain.SupplierOrderRequest.Status;

/** The requests reservations of dropship items send to suppliers. */
@ApplicationScoped
public class SupplierOrderRequestRepository {

    /** A request to record, before it has an id. */
    public record NewRequest(String supplier, String sku, String location, long quantity, String orderId,
            UUID reservationId, int line, String createdBy) {
    }

    private static final String COLUMNS = "id, supplier, sku, location, quantity, order_id, reservation_id, line, "
            + "status, created_by, created_at, updated_at";

    public Uni<Void> insert(NewRequest request) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO supplier_order_request (supplier, sku, location, quantity, order_id, reservation_id, line,
                    status, created_by)
                VALUES (:supplier, :sku, :location, :quantity, :orderId, :reservationId, :line, 'REQUESTED', :createdBy)""")
                .setParameter("supplier", request.supplier()).setParameter("sku", request.sku())
                .setParameter("location", request.location()).setParameter("quantity", request.quantity())
                .setParameter("orderId", request.orderId()).setParameter("reservationId", request.reservationId())
                .setParameter("line", request.line()).setParameter("createdBy", request.createdBy())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Moves the reservation's open requests to {@code to}; the caller holds the reservation row, so this runs once. */
    public Uni<Integer> finish(UUID reservationId, Status to) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                UPDATE supplier_order_request SET status = :to, updated_at = now()
                WHERE reservation_id = :reservationId AND status = 'REQUESTED'""")
                .setParameter("to", to.name()).setParameter("reservationId", reservationId)
                .executeUpdate());
    }

    /** Oldest first after {@code afterId}, filtered by whatever is given. */
    public Uni<List<SupplierOrderRequest>> list(Status status, String supplier, String orderId, long afterId,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM supplier_order_request WHERE id > :after");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (supplier != null) {
            sql.append(" AND supplier = :supplier");
        }
        if (orderId != null) {
            sql.append(" AND order_id = :orderId");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql.toString(), Object[].class)
                    .setParameter("after", afterId).setParameter("limit", limit);
            if (status != null) {
                query.setParameter("status", status.name());
            }
            if (supplier != null) {
                query.setParameter("supplier", supplier);
            }
            if (orderId != null) {
                query.setParameter("orderId", orderId);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(SupplierOrderRequestRepository::toRequest).toList());
    }

    private static SupplierOrderRequest toRequest(Object[] row) {
        return new SupplierOrderRequest(asLong(row[0]), (String) row[1], (String) row[2], (String) row[3],
                asLong(row[4]), (String) row[5], (UUID) row[6], ((Number) row[7]).intValue(),
                Status.valueOf((String) row[8]), (String) row[9], toOffsetDateTime(row[10]),
                toOffsetDateTime(row[11]));
    }
}
