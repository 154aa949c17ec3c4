package io.stockline.allocation.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.platform.gathering.RequestGatherer;
import io.vertx.core.Vertx;

/**
 * Where every hold the saga asks of inventory goes. With several orders in flight per instance
 * ({@code stockline.allocation.orders-in-flight}), the holds that arrive within {@code hold-batch.window} of the first
 * are sent as one {@code POST /api/v1/reservations/batch} (at most {@code hold-batch.max-size}): inventory holds them
 * on one group commit instead of one commit each. Each caller is answered as the single call answers: the reservation
 * (201, or 200 for a replay), or a {@code WebApplicationException} carrying the result's status and problem, so the
 * saga still tells 409 from 400/404/422 from 5xx, and one order refused in a batch changes nothing for the others.
 * Idempotency keys stay per shipment, so a batch retried after a crash holds the same stock. A 5xx or timeout of the
 * whole batch fails every caller in it, each of which waits and retries as one hold does; a 400 of the whole batch
 * (one entry inventory finds malformed) sends each hold again alone, so that only the malformed one is refused.
 */
@ApplicationScoped
public class InventoryHolds {

    private final InventoryClient inventory;
    private final AllocationConfig.HoldBatch config;
    /** Each hold's answer is a call still to make: its result in the batch, or the hold sent alone. */
    private final RequestGatherer<InventoryClient.BatchEntry, Uni<InventoryClient.Reservation>> gatherer;

    public InventoryHolds(@RestClient InventoryClient inventory, AllocationConfig config, Vertx vertx) {
        this.inventory = inventory;
        this.config = config.holdBatch();
        this.gatherer = new RequestGatherer<>("batch of holds", vertx,
                RequestGatherer.Limits.unboundedInFlight(this.config.window(), Math.max(1, this.config.maxSize())),
                this::send);
    }

    /** 201 with the held lines; 409 problem when a line cannot be held (nothing is held then). */
    public Uni<InventoryClient.Reservation> hold(String idempotencyKey, InventoryClient.ReservationRequest request) {
        if (config.maxSize() <= 1) {
            return inventory.reserve(idempotencyKey, request);
        }
        return gatherer.submit(new InventoryClient.BatchEntry(idempotencyKey, request.orderId(), request.lines(),
                request.expiresAt())).chain(answer -> answer);
    }

    private Uni<List<Uni<InventoryClient.Reservation>>> send(List<InventoryClient.BatchEntry> batch) {
        return inventory.reserveBatch(new InventoryClient.BatchRequest(batch))
                .map(response -> answers(batch, response))
                .onFailure(failure -> failure instanceof WebApplicationException refused
                        && refused.getResponse().getStatus() == 400 && batch.size() > 1)
                .recoverWithItem(() -> {
                    Log.warnf("inventory refused a batch of %d holds as malformed: sending each alone", batch.size());
                    return batch.stream().map(this::alone).toList();
                });
    }

    private Uni<InventoryClient.Reservation> alone(InventoryClient.BatchEntry entry) {
        return Uni.createFrom().deferred(() -> inventory.reserve(entry.idempotencyKey(),
                new InventoryClient.ReservationRequest(entry.orderId(), entry.lines(), entry.expiresAt())));
    }

    private static List<Uni<InventoryClient.Reservation>> answers(List<InventoryClient.BatchEntry> batch,
            InventoryClient.BatchResponse response) {
        if (response == null || response.results() == null || response.results().size() != batch.size()) {
            throw new IllegalStateException("inventory answered a batch of " + batch.size() + " holds with "
                    + (response == null || response.results() == null ? "no" : response.results().size())
                    + " results");
        }
        return response.results().stream().map(result -> result.status() == 200 || result.status() == 201
                ? Uni.createFrom().item(result.reservation())
                : Uni.createFrom().<InventoryClient.Reservation>failure(refusal(result))).toList();
    }

    private static WebApplicationException refusal(InventoryClient.BatchResult result) {
        Response.ResponseBuilder response = Response.status(result.status());
        if (result.problem() != null) {
            response.type("application/problem+json").entity(result.problem().toString());
        }
        return new WebApplicationException(response.build());
    }
}
