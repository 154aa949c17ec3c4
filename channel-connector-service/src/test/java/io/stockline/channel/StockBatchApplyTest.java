package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * The stock consumer's usual path sends a batch's statements together, assuming none of its events was applied
 * before; a batch holding a redelivered event must change nothing that way and be applied the careful way instead.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class StockBatchApplyTest {

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    ChannelSyncService sync;

    @Test
    void aBatchOfNewEventsIsAppliedInOneGoAndItsWantedQuantitiesSet() throws Throwable {
        String location = newId("WH-BATCH");
        String channel = newId("batch");
        createWebhookChannel(webhookBase, channel, "\"locations\":[\"" + location + "\"]").statusCode(201);
        String sku = newId("BATCH");
        String other = newId("BATCH");

        Set<String> changed = run(() -> sync.applyAssumingNew(List.of(
                new StockChanged(UUID.randomUUID(), sku, location, 1, 9),
                new StockChanged(UUID.randomUUID(), sku, location, 2, 7),
                new StockChanged(UUID.randomUUID(), other, location, 1, 4)), Map.of()));

        assertThat(changed).contains(channel);
        assertThat(row("SELECT version, available FROM availability WHERE sku = ? AND location = ?", sku, location))
                .containsExactly(2L, 7L);
        assertThat(row("SELECT wanted_quantity FROM sync_state WHERE channel = ? AND sku = ?", channel, sku))
                .containsExactly(7L);
        assertThat(row("SELECT wanted_quantity FROM sync_state WHERE channel = ? AND sku = ?", channel, other))
                .containsExactly(4L);
    }

    @Test
    void aBatchHoldingAnEventAppliedBeforeChangesNothingThatWayAndIsAppliedWithoutIt() throws Throwable {
        String location = newId("WH-BATCH");
        String channel = newId("batch");
        createWebhookChannel(webhookBase, channel, "\"locations\":[\"" + location + "\"]").statusCode(201);
        String sku = newId("BATCH");
        UUID applied = UUID.randomUUID();
        run(() -> sync.applyAssumingNew(List.of(new StockChanged(applied, sku, location, 1, 10)), Map.of()));

        // The applied event again, dressed up as newer, beside a fresh one of an older version than it claims.
        UUID fresh = UUID.randomUUID();
        List<StockChanged> batch = List.of(new StockChanged(applied, sku, location, 5, 50),
                new StockChanged(fresh, sku, location, 2, 8));
        assertThatThrownBy(() -> run(() -> sync.applyAssumingNew(batch, Map.of())))
                .isInstanceOf(ChannelSyncService.AlreadyApplied.class);
        assertThat(row("SELECT version, available FROM availability WHERE sku = ? AND location = ?", sku, location))
                .as("rolled back").containsExactly(1L, 10L);
        assertThat(row("SELECT count(*) FROM processed_event WHERE event_id = CAST(? AS uuid)", fresh.toString()))
                .as("the fresh id is not recorded either").containsExactly(0L);

        run(() -> sync.apply(batch, Map.of()));

        assertThat(row("SELECT version, available FROM availability WHERE sku = ? AND location = ?", sku, location))
                .containsExactly(2L, 8L);
        assertThat(row("SELECT wanted_quantity FROM sync_state WHERE channel = ? AND sku = ?", channel, sku))
                .containsExactly(8L);
    }

    private static <T> T run(java.util.function.Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work::get);
    }

    private static List<Long> row(String sql, String... parameters) throws Exception {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        values.add(rows.getLong(column));
                    }
                }
            }
            return values;
        }
    }
}
