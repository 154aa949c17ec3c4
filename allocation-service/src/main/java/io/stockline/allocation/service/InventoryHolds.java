package io.stockline.allocation.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.stockline.allocation.config.AllocationConfig;
import io.vertx.core.Context;
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
    private final Vertx vertx;
    private List<Waiter> gathering = new ArrayList<>();
    private long gatheringTimer = -1;

    public InventoryHolds(@RestClient InventoryClient inventory, AllocationConfig config, Vertx vertx) {
        this.inventory = inventory;
        this.config = config.holdBatch();
        this.vertx = vertx;
    }

    /** 201 with the held lines; 409 problem when a line cannot be held (nothing is held then). */
    public Uni<InventoryClient.Reservation> hold(String idempotencyKey, InventoryClient.ReservationRequest request) {
        if (config.maxSize() <= 1) {
            return inventory.reserve(idempotencyKey, request);
        }
        return Uni.createFrom().emitter(emitter -> join(new Waiter(
                new InventoryClient.BatchEntry(idempotencyKey, request.orderId(), request.lines(),
                        request.expiresAt()),
                emitter, Vertx.currentContext())));
    }

    /** A caller, its hold, and the context its work continues on (its database session lives there). */
    private record Waiter(InventoryClient.BatchEntry entry, UniEmitter<? super InventoryClient.Reservation> emitter,
            Context context) {

        void answer(InventoryClient.Reservation reservation, Throwable failure) {
            Runnable settle = failure == null ? () -> emitter.complete(reservation) : () -> emitter.fail(failure);
            if (context == null) {
                settle.run();
            } else {
                context.runOnContext(ignored -> settle.run());
            }
        }
    }

    private void join(Waiter waiter) {
        List<Waiter> full = null;
        synchronized (this) {
            gathering.add(waiter);
            if (gathering.size() >= config.maxSize()) {
                full = takeGathering();
            } else if (gathering.size() == 1) {
                gatheringTimer = vertx.setTimer(Math.max(1, config.window().toMillis()), ignored -> windowClosed());
            }
        }
        if (full != null) {
            send(full);
        }
    }

    private void windowClosed() {
        List<Waiter> batch;
        synchronized (this) {
            gatheringTimer = -1;
            batch = takeGathering();
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    /** Called holding the lock. */
    private List<Waiter> takeGathering() {
        if (gatheringTimer != -1) {
            vertx.cancelTimer(gatheringTimer);
            gatheringTimer = -1;
        }
        List<Waiter> batch = gathering;
        gathering = new ArrayList<>();
        return batch;
    }

    private void send(List<Waiter> batch) {
        Uni.createFrom().deferred(() -> inventory.reserveBatch(
                        new InventoryClient.BatchRequest(batch.stream().map(Waiter::entry).toList())))
                .subscribe().with(response -> answer(batch, response), failure -> failed(batch, failure));
    }

    private static void answer(List<Waiter> batch, InventoryClient.BatchResponse response) {
        if (response == null || response.results() == null || response.results().size() != batch.size()) {
            failAll(batch, new IllegalStateException("inventory answered a batch of " + batch.size()
                    + " holds with " + (response == null || response.results() == null ? "no"
                            : response.results().size()) + " results"));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            InventoryClient.BatchResult result = response.results().get(i);
            if (result.status() == 200 || result.status() == 201) {
                batch.get(i).answer(result.reservation(), null);
            } else {
                batch.get(i).answer(null, refusal(result));
            }
        }
    }

    private static WebApplicationException refusal(InventoryClient.BatchResult result) {
        Response.ResponseBuilder response = Response.status(result.status());
        if (result.problem() != null) {
            response.type("application/problem+json").entity(result.problem().toString());
        }
        return new WebApplicationException(response.build());
    }

    private void failed(List<Waiter> batch, Throwable failure) {
        if (failure instanceof WebApplicationException refused && refused.getResponse().getStatus() == 400
                && batch.size() > 1) {
            Log.warnf("inventory refused a batch of %d holds as malformed: sending each alone", batch.size());
            batch.forEach(waiter -> Uni.createFrom().deferred(() -> inventory.reserve(waiter.entry().idempotencyKey(),
                            new InventoryClient.ReservationRequest(waiter.entry().orderId(), waiter.entry().lines(),
                                    waiter.entry().expiresAt())))
                    .subscribe().with(reservation -> waiter.answer(reservation, null),
                            alone -> waiter.answer(null, alone)));
            return;
        }
        failAll(batch, failure);
    }

    private static void failAll(List<Waiter> batch, Throwable failure) {
        batch.forEach(waiter -> waiter.answer(null, failure));
    }
}
