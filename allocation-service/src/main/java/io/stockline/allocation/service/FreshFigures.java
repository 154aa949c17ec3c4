package io.stockline.allocation.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Inventory's fresh figures of a SKU ({@code GET /api/v1/stock/{sku}}), asked once for every order that needs them
 * at the same time. When many orders of one SKU run short together (a flash sale selling out), each used to ask
 * inventory on its own; now the orders that ask while a request for the SKU is on its way wait for the next one,
 * sent as soon as that returns, and all share its answer. Each caller's answer therefore comes from a request sent
 * after it asked: no order replans from figures older than its own refusal.
 */
@ApplicationScoped
public class FreshFigures {

    private final InventoryClient inventory;
    private final Map<String, Sku> skus = new HashMap<>();

    public FreshFigures(@RestClient InventoryClient inventory) {
        this.inventory = inventory;
    }

    /** The SKU's figures per location; none when inventory does not know the SKU. */
    public Uni<InventoryClient.Stock> of(String sku) {
        return Uni.createFrom().emitter(emitter -> join(sku, new Waiter(emitter, callerContext())));
    }

    /** The figures of each of the SKUs, one after the other (each asked as {@link #of(String)} does). */
    public Uni<List<InventoryClient.Stock>> of(Collection<String> skus) {
        return Multi.createFrom().iterable(skus).onItem().transformToUniAndConcatenate(this::of).collect().asList();
    }

    /** A caller and the context its work continues on (its database session lives there). */
    private record Waiter(UniEmitter<? super InventoryClient.Stock> emitter, Context context) {

        void answer(InventoryClient.Stock stock, Throwable failure) {
            Runnable settle = failure == null ? () -> emitter.complete(stock) : () -> emitter.fail(failure);
            if (context == null) {
                settle.run();
            } else {
                context.runOnContext(ignored -> settle.run());
            }
        }
    }

    /** Requests for one SKU: at most one on its way, and the callers waiting for the next. */
    private static final class Sku {
        boolean asking;
        List<Waiter> waiting = new ArrayList<>();
    }

    private static Context callerContext() {
        return Vertx.currentContext();
    }

    private void join(String sku, Waiter waiter) {
        List<Waiter> batch;
        synchronized (skus) {
            Sku state = skus.computeIfAbsent(sku, ignored -> new Sku());
            state.waiting.add(waiter);
            if (state.asking) {
                return;
            }
            batch = takeWaiting(state);
        }
        ask(sku, batch);
    }

    private static List<Waiter> takeWaiting(Sku state) {
        List<Waiter> batch = state.waiting;
        state.waiting = new ArrayList<>();
        state.asking = true;
        return batch;
    }

    private void ask(String sku, List<Waiter> batch) {
        request(sku).subscribe().with(stock -> answered(sku, batch, stock, null),
                failure -> answered(sku, batch, null, failure));
    }

    private void answered(String sku, List<Waiter> batch, InventoryClient.Stock stock, Throwable failure) {
        List<Waiter> next = null;
        synchronized (skus) {
            Sku state = skus.get(sku);
            if (state.waiting.isEmpty()) {
                skus.remove(sku);
            } else {
                next = takeWaiting(state);
            }
        }
        batch.forEach(waiter -> waiter.answer(stock, failure));
        if (next != null) {
            ask(sku, next);
        }
    }

    private Uni<InventoryClient.Stock> request(String sku) {
        return Uni.createFrom().deferred(() -> inventory.stock(sku))
                .onFailure(WebApplicationException.class).recoverWithUni(failure ->
                        ((WebApplicationException) failure).getResponse().getStatus() == 404
                                ? Uni.createFrom().item(new InventoryClient.Stock(sku, List.of()))
                                : Uni.createFrom().failure(failure));
    }
}
