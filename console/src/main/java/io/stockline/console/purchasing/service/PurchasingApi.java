package io.stockline.console.purchasing.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** inventory-service's purchase orders (deploy/openapi/inventory-service.json): viewers read, operators receive, admins send, close and cancel. */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/purchase-orders")
public interface PurchasingApi {

    @GET
    List<PurchaseOrder> orders(@QueryParam("status") String status, @QueryParam("limit") int limit);

    @GET
    @Path("/{number}")
    PurchaseOrder order(@PathParam("number") String number);

    @GET
    @Path("/{number}/receipts")
    List<Receipt> receipts(@PathParam("number") String number);

    /** The body is a map so that what a person typed reaches the API as typed, and its refusal names the line. */
    @POST
    @Path("/{number}/receipts")
    Received receive(@PathParam("number") String number, @HeaderParam("Idempotency-Key") String idempotencyKey,
            Map<String, Object> receipt);

    @POST
    @Path("/{number}/send")
    PurchaseOrder send(@PathParam("number") String number);

    @POST
    @Path("/{number}/close")
    PurchaseOrder close(@PathParam("number") String number);

    @POST
    @Path("/{number}/cancel")
    PurchaseOrder cancel(@PathParam("number") String number);

    record PurchaseOrder(String number, String supplier, String location, String status, String currency,
            LocalDate expectedOn, List<Line> lines, String createdBy, OffsetDateTime createdAt, OffsetDateTime sentAt,
            OffsetDateTime closedAt) {

        public boolean receivable() {
            return "SENT".equals(status) || "PARTIALLY_RECEIVED".equals(status);
        }

        public boolean sendable() {
            return "DRAFT".equals(status);
        }

        public boolean closable() {
            return receivable() || "RECEIVED".equals(status);
        }

        /** Only before anything arrived: a receipt cannot be undone by cancelling. */
        public boolean cancellable() {
            return "DRAFT".equals(status) || "SENT".equals(status);
        }

        public long ordered() {
            return lines == null ? 0 : lines.stream().mapToLong(l -> l.quantity() == null ? 0 : l.quantity()).sum();
        }

        public long outstanding() {
            return lines == null ? 0 : lines.stream().mapToLong(l -> l.outstanding() == null ? 0 : l.outstanding()).sum();
        }
    }

    record Line(Integer line, String sku, Long quantity, Long received, Long damaged, Long outstanding,
            BigDecimal unitCost) {
    }

    record Receipt(Long id, String number, String actor, OffsetDateTime receivedAt, List<ReceiptLine> lines) {
    }

    record ReceiptLine(String sku, Long quantity, Long damaged, String lot, LocalDate expiresOn, BigDecimal unitCost) {
    }

    record Received(PurchaseOrder order, Receipt receipt, Boolean replayed) {
    }
}
