package io.stockline.allocation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

/** Orders that need one SKU's fresh figures at once share a request, never one sent before they asked. */
class FreshFiguresTest {

    /**
     * inventory's stock read, answered when the test says. The client is a proxy rather than a class implementing
     * InventoryClient: a test class is in the application's index under @QuarkusTest, and a class implementing the
     * client's JAX-RS interface would be served, and documented in the OpenAPI document, as an endpoint of allocation.
     */
    private static final class Inventory {
        final List<String> asked = new ArrayList<>();
        final List<UniEmitter<? super InventoryClient.Stock>> pending = new ArrayList<>();
        final InventoryClient client = (InventoryClient) Proxy.newProxyInstance(InventoryClient.class.getClassLoader(),
                new Class<?>[] {InventoryClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("stock")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Uni.createFrom().<InventoryClient.Stock>emitter(emitter -> {
                        asked.add((String) args[0]);
                        pending.add(emitter);
                    });
                });

        void answer(int request, long available) {
            pending.get(request).complete(new InventoryClient.Stock("SKU-1",
                    List.of(new InventoryClient.LocationStock("L1", available, request + 1))));
        }
    }

    @Test
    void callersArrivingWhileARequestIsOnItsWayShareTheNextOne() {
        Inventory inventory = new Inventory();
        FreshFigures figures = new FreshFigures(inventory.client);

        UniAssertSubscriber<InventoryClient.Stock> first = figures.of("SKU-1").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        List<UniAssertSubscriber<InventoryClient.Stock>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(figures.of("SKU-1").subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        assertThat(inventory.asked).containsExactly("SKU-1");

        inventory.answer(0, 7);
        first.assertItem(new InventoryClient.Stock("SKU-1", List.of(new InventoryClient.LocationStock("L1", 7, 1))));
        // the five asked after the first request was sent: its answer may predate what they saw, so they get the next
        later.forEach(UniAssertSubscriber::assertNotTerminated);
        assertThat(inventory.asked).containsExactly("SKU-1", "SKU-1");

        inventory.answer(1, 3);
        later.forEach(caller -> caller.assertItem(
                new InventoryClient.Stock("SKU-1", List.of(new InventoryClient.LocationStock("L1", 3, 2)))));
        assertThat(inventory.asked).hasSize(2);

        figures.of("SKU-1").subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(inventory.asked).as("a caller after all were answered asks anew").hasSize(3);
    }

    @Test
    void differentSkusAreAskedSeparately() {
        Inventory inventory = new Inventory();
        FreshFigures figures = new FreshFigures(inventory.client);

        figures.of("SKU-1").subscribe().withSubscriber(UniAssertSubscriber.create());
        figures.of("SKU-2").subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(inventory.asked).containsExactly("SKU-1", "SKU-2");
    }

    @Test
    void anUnknownSkuHasNoFiguresAndAFailureReachesEveryCallerOfItsRequestOnly() {
        Inventory inventory = new Inventory();
        FreshFigures figures = new FreshFigures(inventory.client);

        UniAssertSubscriber<InventoryClient.Stock> unknown = figures.of("SKU-1").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<InventoryClient.Stock> failing = figures.of("SKU-1").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        inventory.pending.get(0).fail(new WebApplicationException(404));
        unknown.assertItem(new InventoryClient.Stock("SKU-1", List.of()));

        inventory.pending.get(1).fail(new WebApplicationException(503));
        failing.assertFailedWith(WebApplicationException.class);

        UniAssertSubscriber<InventoryClient.Stock> after = figures.of("SKU-1").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        inventory.answer(2, 1);
        after.assertCompleted();
    }
}
