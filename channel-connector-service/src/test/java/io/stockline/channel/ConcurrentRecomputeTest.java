package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.platform.sql.Transactions;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.channel.domain.ItemChanged;
import io.stockline.channel.domain.ItemStatus;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;

/**
 * What a channel should hold of a SKU is worked out from the read model by several transactions at once: the stock
 * consumer, the item consumer and a channel-wide recompute (settings saved, reconciliation). Each reads the read
 * model and then writes the wanted quantity; without an order between them, one that read before another's commit
 * could write its older number last, and the channel would keep it until the SKU changed again. Here all three run
 * at once for many new SKUs, and every pair must end at the number the committed read model gives.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ConcurrentRecomputeTest {

    @Inject
    Transactions transactions;

    private static final int SKUS = 300;
    private static final long AVAILABLE = 10;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    ChannelSyncService sync;

    @Test
    void aRecomputeThatReadBeforeAnotherCommittedNeverWritesItsOlderNumberLast() throws Exception {
        String location = newId("WH-RACE");
        String channel = newId("race");
        createWebhookChannel(webhookBase, channel, "\"locations\":[\"" + location + "\"]").statusCode(201);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            skus.add("RACE-" + UUID.randomUUID().toString().substring(0, 8));
        }

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Object>> work = List.of(
                    () -> {
                        start.await();
                        for (String sku : skus) {
                            run(() -> sync.apply(new ItemChanged(UUID.randomUUID(), sku, ItemStatus.ACTIVE, 1)));
                        }
                        return null;
                    },
                    () -> {
                        start.await();
                        for (String sku : skus) {
                            // as the stock consumer applies a batch: its statements sent together behind the locks
                            run(() -> sync.applyAssumingNew(List.of(new StockChanged(UUID.randomUUID(), sku, location, 1,
                                    AVAILABLE)), Map.of()));
                        }
                        return null;
                    },
                    () -> {
                        start.await();
                        for (int i = 0; i < SKUS / 4; i++) {
                            List<String> some = skus.subList(i * 4, i * 4 + 4);
                            run(() -> transactions.inTransaction(() -> sync.recompute(toAll(some))));
                        }
                        return null;
                    });
            List<Future<Object>> running = new ArrayList<>();
            for (Callable<Object> task : work) {
                running.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Object> task : running) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> wanted = wanted(channel);
        assertThat(wanted.keySet()).containsExactlyInAnyOrderElementsOf(skus);
        Map<String, Long> stale = new HashMap<>(wanted);
        stale.values().removeIf(quantity -> quantity == AVAILABLE);
        assertThat(stale).as("SKUs left at a number read before another transaction's commit").isEmpty();
    }

    private static void run(java.util.function.Supplier<io.smallrye.mutiny.Uni<?>> work) throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(() -> work.get());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Every channel recomputes these SKUs, as the item consumer does for a status change. */
    private static Map<String, java.util.Set<String>> toAll(List<String> skus) {
        Map<String, java.util.Set<String>> all = new HashMap<>();
        skus.forEach(sku -> all.put(sku, null));
        return all;
    }

    private Map<String, Long> wanted(String channel) throws Exception {
        Map<String, Long> wanted = new HashMap<>();
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT sku, wanted_quantity FROM sync_state WHERE channel = ?")) {
            statement.setString(1, channel);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    wanted.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return wanted;
    }
}
