package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.channel.service.PushPipeline;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Transactions;
import io.stockline.testsupport.StocklineTestResource;

/** One instance works a channel at a time: many instances racing for its lease, one wins. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelLeaseTest {

    @Inject
    Transactions transactions;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    PushPipeline pipeline;

    @Test
    void instancesRacingForAChannelLeaseLeaveExactlyOneHolder() throws Throwable {
        String channel = newId("lease");
        createWebhookChannel(webhookBase, channel, "\"enabled\":false").statusCode(201);
        awaitTheServiceLetGo(channel);
        int instances = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String owner = "instance-" + i;
                claims.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    return claim(channel, owner, Duration.ofSeconds(30));
                }));
            }
            start.countDown();
            int holders = 0;
            for (Future<Boolean> claim : claims) {
                holders += claim.get() ? 1 : 0;
            }
            assertThat(holders).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseIsRenewedByItsHolderAndTakenOverOnlyWhenReleasedOrExpired() throws Throwable {
        String channel = heldByA();
        assertThat(claim(channel, "b", Duration.ofSeconds(30))).isFalse();
        assertThat(claim(channel, "a", Duration.ofMillis(300))).as("renewal").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> claim(channel, "b", Duration.ofSeconds(30)));
        assertThat(claim(channel, "a", Duration.ofSeconds(30))).isFalse();
        VertxContextSupport.subscribeAndAwait(() -> pipeline.release(channel, "b"));
        assertThat(claim(channel, "a", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aBusyWorkersClaimLeavesAFreshLeaseUnwrittenAndRenewsItOnceHalfItsTimeIsSpent() throws Throwable {
        String channel = heldByA();
        List<Object> taken = leaseRow(channel);
        assertThat(claim(channel, "a", Duration.ofSeconds(30))).as("held with all its time left").isTrue();
        assertThat(leaseRow(channel)).as("the same row version and expiry: nothing written").isEqualTo(taken);

        // Asked for 70 s, the 30 s left are less than half of it: renewed
        assertThat(claim(channel, "a", Duration.ofSeconds(70))).isTrue();
        assertThat(leaseRow(channel)).isNotEqualTo(taken);
        assertThat(claim(channel, "b", Duration.ofSeconds(30))).isFalse();
    }

    /** The lease row's version (xmin: the transaction that last wrote it) and expiry. */
    private List<Object> leaseRow(String channel) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> transactions.onConnection(() -> NativeSql.of(
                "SELECT CAST(xmin AS text), CAST(expires_at AS text) FROM channel_lease WHERE channel = :channel")
                .set("channel", channel).rows().map(rows -> List.of(rows.get(0)[0], rows.get(0)[1]))));
    }

    /** A new disabled channel, left alone by the service's worker, whose lease "a" took for 30 s. */
    private String heldByA() throws Throwable {
        String channel = newId("lease");
        createWebhookChannel(webhookBase, channel, "\"enabled\":false").statusCode(201);
        awaitTheServiceLetGo(channel);
        assertThat(claim(channel, "a", Duration.ofSeconds(30))).isTrue();
        return channel;
    }

    /** The service's own worker looks at a new channel once; a disabled one it then leaves alone. */
    private void awaitTheServiceLetGo(String channel) throws Throwable {
        await().atMost(Duration.ofSeconds(10)).until(() -> claim(channel, "probe", Duration.ofSeconds(30)));
        VertxContextSupport.subscribeAndAwait(() -> pipeline.release(channel, "probe"));
    }

    private boolean claim(String channel, String owner, Duration ttl) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pipeline.claim(channel, owner, ttl, 10)).channel() != null;
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
