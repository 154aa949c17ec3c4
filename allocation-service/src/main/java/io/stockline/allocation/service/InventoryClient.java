package io.stockline.allocation.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;

/** inventory-service's reservation and stock API, called as an operator with a token of {@link InventoryTokens}. */
@RegisterRestClient(configKey = "inventory")
@Path("/api/v1")
@ClientHeaderParam(name = "Authorization", value = "{authorization}")
public interface InventoryClient {

    /** Looked up per request: the token is renewed every few minutes. */
    default String authorization() {
        return Arc.container().instance(InventoryTokens.class).get().authorization();
    }

    record ReservationLine(int line, String sku, String location, long quantity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReservationRequest(String orderId, List<ReservationLine> lines, OffsetDateTime expiresAt) {
    }

    record Reservation(UUID id, String orderId, String status, List<ReservationLine> lines) {
    }

    /** One reservation of a batch: the fields of {@link ReservationRequest} and its Idempotency-Key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchEntry(String idempotencyKey, String orderId, List<ReservationLine> lines, OffsetDateTime expiresAt) {
    }

    record BatchRequest(List<BatchEntry> reservations) {
    }

    /** What POST /api/v1/reservations would have answered: 201 (200 replayed) with the reservation, or the problem. */
    record BatchResult(int status, Reservation reservation, JsonNode problem) {
    }

    record BatchResponse(List<BatchResult> results) {
    }

    record LocationStock(String location, long available, long version) {
    }

    record Stock(String sku, List<LocationStock> locations) {
    }

    /** 201 with the held lines; 409 problem when a line cannot be held (nothing is held then). */
    @POST
    @Path("/reservations")
    Uni<Reservation> reserve(@HeaderParam("Idempotency-Key") String idempotencyKey, ReservationRequest request);

    /** 200 with one result per reservation, in the order sent; each held all-or-nothing on its own. */
    @POST
    @Path("/reservations/batch")
    Uni<BatchResponse> reserveBatch(BatchRequest request);

    @POST
    @Path("/reservations/{id}/release")
    Uni<Reservation> release(@PathParam("id") UUID id);

    @POST
    @Path("/reservations/{id}/commit")
    Uni<Reservation> commit(@PathParam("id") UUID id);

    /** Fresh figures per location, with the versions inventory.stock-changed carries. */
    @GET
    @Path("/stock/{sku}")
    Uni<Stock> stock(@PathParam("sku") String sku);
}
