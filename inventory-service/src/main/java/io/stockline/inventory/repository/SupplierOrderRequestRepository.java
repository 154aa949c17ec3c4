package io.stockline.inventory.repository;

import static io.stockline.inventory.repository.MovementRepository.toOffsetDateTime;
import static io.stockline.inventory.repository.StockRepository.asLong;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.SupplierOrderRequest;
import io.stockline.inventory.domain.SupplierOrderRequest.Status;
import io.stockline.platform.sql.NativeSql;

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
        return NativeSql.of("""
                INSERT INTO supplier_order_request (supplier, sku, location, quantity, order_id, reservation_id, line,
                    status, created_by)
                VALUES (:supplier, :sku, :location, :quantity, :orderId, :reservationId, :line, 'REQUESTED', :createdBy)""")
                .set("supplier", request.supplier()).set("sku", request.sku())
                .set("location", request.location()).set("quantity", request.quantity())
                .set("orderId", request.orderId()).set("reservationId", request.reservationId())
                .set("line", request.line()).set("createdBy", request.createdBy())
                .update()
                .replaceWithVoid();
    }

    /** Moves the reservation's open requests to {@code to}; the caller holds the reservation row, so this runs once. */
    public Uni<Integer> finish(UUID reservationId, Status to) {
        return NativeSql.of("""
                UPDATE supplier_order_request SET status = :to, updated_at = now()
                WHERE reservation_id = :reservationId AND status = 'REQUESTED'""")
                .set("to", to.name()).set("reservationId", reservationId)
                .update();
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
        NativeSql query = NativeSql.of(sql.toString())
                .set("after", afterId).set("limit", limit);
        if (status != null) {
            query.set("status", status.name());
        }
        if (supplier != null) {
            query.set("supplier", supplier);
        }
        if (orderId != null) {
            query.set("orderId", orderId);
        }
        return query.list(SupplierOrderRequestRepository::toRequest);
    }

    private static SupplierOrderRequest toRequest(Object[] row) {
        return new SupplierOrderRequest(asLong(row[0]), (String) row[1], (String) row[2], (String) row[3],
                asLong(row[4]), (String) row[5], (UUID) row[6], ((Number) row[7]).intValue(),
                Status.valueOf((String) row[8]), (String) row[9], toOffsetDateTime(row[10]),
                toOffsetDateTime(row[11]));
    }
}
