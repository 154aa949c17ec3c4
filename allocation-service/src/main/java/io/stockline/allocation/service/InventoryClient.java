package io.stockline.allocation.service;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** inventory-service's reservation API, called with this service's operator token. */
@RegisterRestClient(configKey = "inventory")
@Path("/api/v1/reservations")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${stockline.inventory.token}")
public interface InventoryClient {

    record ReservationLine(int line, String sku, String location, long quantity) {
    }

    record ReservationRequest(String orderId, List<ReservationLine> lines) {
    }

    record Reservation(UUID id, String orderId, String status, List<ReservationLine> lines) {
    }

    @POST
    Uni<Reservation> reserve(@HeaderParam("Idempotency-Key") String idempotencyKey, ReservationRequest request);
}
