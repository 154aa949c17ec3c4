package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.channel.repository.HealthRepository;
import io.stockline.channel.repository.HealthRepository.Health;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Transactions;
import io.stockline.testsupport.StocklineTestResource;

/**
 * A healthy channel's health row is written at most once a second, while a success after a failure clears the
 * streak, the back-off and the circuit at once.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelHealthWriteTest {

    @Inject
    Transactions transactions;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    HealthRepository health;

    @Test
    void aSuccessAfterAFailureClearsTheStreakAtOnce() throws Throwable {
        String channel = disabledChannel();
        transaction(() -> health.succeeded(channel));
        transaction(() -> health.failed(channel, "HTTP 503", Duration.ofMinutes(5), true));
        Health failing = read(channel);
        assertThat(failing.consecutiveFailures()).isEqualTo(1);
        assertThat(failing.backingOff()).isTrue();
        assertThat(failing.circuitOpen()).isTrue();

        transaction(() -> health.succeeded(channel));

        Health recovered = read(channel);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.backingOff()).isFalse();
        assertThat(recovered.circuitOpen()).isFalse();
        assertThat(recovered.lastError()).isEqualTo("HTTP 503"); // the last error stays on show
    }

    @Test
    void aHealthyChannelsRowIsWrittenAtMostOnceASecond() throws Throwable {
        String channel = disabledChannel();
        transaction(() -> health.succeeded(channel));
        String firstVersion = rowVersion(channel);
        OffsetDateTime first = read(channel).lastSuccessAt();

        transaction(() -> health.succeeded(channel));
        assertThat(rowVersion(channel)).as("a second success within the second writes nothing").isEqualTo(firstVersion);

        transaction(() -> NativeSql.of("UPDATE channel_health SET last_success_at = now() - INTERVAL '2 seconds' "
                + "WHERE channel = :channel").set("channel", channel).update().replaceWithVoid());
        transaction(() -> health.succeeded(channel));
        assertThat(read(channel).lastSuccessAt()).isAfterOrEqualTo(first);
        assertThat(read(channel).lastSuccessAt()).isAfter(OffsetDateTime.now().minusSeconds(2));
    }

    /** A channel whose worker makes no call, so only the test writes its health. */
    private String disabledChannel() {
        String channel = newId("health");
        createWebhookChannel(webhookBase, channel, "\"enabled\":false").statusCode(201);
        return channel;
    }

    private Health read(String channel) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> transactions.onConnection(() -> health.of(channel)));
    }

    private String rowVersion(String channel) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> transactions.onConnection(() -> NativeSql
                .of("SELECT CAST(xmin AS text) FROM channel_health WHERE channel = :channel").set("channel", channel)
                .rows().map(rows -> String.valueOf(rows.get(0)[0]))));
    }

    private void transaction(java.util.function.Supplier<io.smallrye.mutiny.Uni<Void>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> transactions.inTransaction(work));
    }
}
