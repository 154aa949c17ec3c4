package io.stockline.channel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.stockline.channel.connector.AmazonConnector;
import io.stockline.channel.connector.CallKind;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.RateBucket;
import io.stockline.channel.domain.ChannelType;

/** Amazon's buckets are keyed by seller and operation, and the bucket two channels share holds under concurrent use. */
class SharedBucketTest {

    private static ChannelAccess amazon(String channelId, String seller) {
        return new ChannelAccess(channelId, ChannelType.AMAZON, URI.create("https://sellingpartnerapi-eu.amazon.com"), Map.of(),
                Map.of("sellerId", seller, "marketplaceIds", "A1PA6795UKMFR9"));
    }

    @Test
    void amazonKeysItsBucketsBySellerAndOperationNotByChannel() {
        AmazonConnector connector = new AmazonConnector(null, null);
        RateBucket shopPatch = connector.rateBucket(amazon("shop", "A1SELLER"), CallKind.PUSH);
        RateBucket outletPatch = connector.rateBucket(amazon("outlet", "A1SELLER"), CallKind.PUSH);
        RateBucket shopRead = connector.rateBucket(amazon("shop", "A1SELLER"), CallKind.READ);
        RateBucket otherSeller = connector.rateBucket(amazon("other", "A9OTHER"), CallKind.PUSH);

        assertThat(shopPatch).isEqualTo(outletPatch);
        assertThat(shopPatch.limit().burst()).as("Amazon's burst of 5, one token left to absorb jitter").isEqualTo(4);
        assertThat(shopPatch.limit().perSecond()).as("Amazon's 5/s less a tenth").isEqualTo(4.5);
        assertThat(shopRead.key()).isNotEqualTo(shopPatch.key());
        assertThat(shopRead.limit().burst()).as("searchListingsItems: rate 5, burst 5, with the same headroom").isEqualTo(4);
        assertThat(otherSeller.key()).isNotEqualTo(shopPatch.key());
    }

    @Test
    void channelsOfOneSellerReservingAtOnceQueueAtTheSellersRate() throws Exception {
        ChannelTraffic traffic = new ChannelTraffic();
        AtomicLong clock = new AtomicLong(); // stands still: every reservation is made at the same instant
        int threads = 8;
        int callsEach = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Duration>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String channel = "channel-" + t; // eight channels of one seller
            futures.add(pool.submit(() -> {
                TokenBucket bucket = traffic.sharedBucket("amazon seller A1SELLER patchListingsItem",
                        () -> new TokenBucket(5, 5, clock::get));
                start.await();
                List<Duration> waits = new ArrayList<>();
                for (int call = 0; call < callsEach; call++) {
                    waits.add(bucket.reserve(1));
                }
                return waits;
            }));
        }
        start.countDown();
        List<Duration> all = new ArrayList<>();
        for (Future<List<Duration>> future : futures) {
            all.addAll(future.get(10, TimeUnit.SECONDS));
        }
        pool.shutdown();

        Collections.sort(all);
        // 200 calls of 8 channels: the first five go at once, then one every 200 ms, none twice, none sooner
        for (int k = 0; k < all.size(); k++) {
            assertThat(all.get(k)).as("call %d", k).isEqualTo(Duration.ofMillis(Math.max(0, k - 4) * 200L));
        }
    }
}
