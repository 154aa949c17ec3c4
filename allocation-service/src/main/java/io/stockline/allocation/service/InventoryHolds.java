package io.stockline.allocation.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * Where every hold the saga asks of inventory goes: today one {@code POST /api/v1/reservations} per shipment.
 *
 * <p>The seam for inventory's batch reservations ({@code POST /api/v1/reservations/batch}, issue 14 point 3: a list
 * of {@code {idempotencyKey, <ReservationRequest>}} answered 200 with one result per request in request order, each
 * all-or-nothing, {@code status} 201/200 with the {@code reservation}, or 404/409/422 with the {@code problem}). With
 * several orders in flight per instance ({@code stockline.allocation.orders-in-flight}), the holds that arrive here
 * within a millisecond or two would be gathered into one such call, and each caller answered as {@link #hold} answers
 * now: the reservation, or a {@code WebApplicationException} carrying the result's status and problem, so the saga
 * (which tells 409 from 400/404/422 from 5xx) does not change. Idempotency keys stay per shipment, so a batch retried
 * after a crash holds the same stock. A 5xx or a timeout of the whole batch fails every caller in it, which waits and
 * retries as one hold does now. Not wired yet: the endpoint is not on this branch, and a stub of it would only test
 * this service against its own guess of the answers; once inventory-service has it, gather here and test against the
 * real service (AllocationRaceIT starts it from its jar).
 */
@ApplicationScoped
public class InventoryHolds {

    private final InventoryClient inventory;

    public InventoryHolds(@RestClient InventoryClient inventory) {
        this.inventory = inventory;
    }

    /** 201 with the held lines; 409 problem when a line cannot be held (nothing is held then). */
    public Uni<InventoryClient.Reservation> hold(String idempotencyKey, InventoryClient.ReservationRequest request) {
        return inventory.reserve(idempotencyKey, request);
    }
}
