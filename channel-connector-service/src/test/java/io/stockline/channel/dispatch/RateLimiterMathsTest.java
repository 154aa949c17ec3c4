package io.stockline.channel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket and backoff arithmetic, on a clock the test moves by hand. */
class RateLimiterMathsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aFullBucketLetsTheBurstGoAtOnceThenSpacesCallsAtTheRefillRate() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);

        for (int call = 0; call < 5; call++) {
            assertThat(bucket.reserve(1)).as("call %d of the burst", call).isZero();
        }
        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void tokensComeBackWithTimeButNeverAboveTheCapacity() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);
        for (int call = 0; call < 5; call++) {
            bucket.reserve(1);
        }

        advance(Duration.ofMillis(400));
        assertThat(bucket.tokens()).isEqualTo(2.0);
        advance(Duration.ofSeconds(10));
        assertThat(bucket.tokens()).isEqualTo(5.0);
    }

    @Test
    void aCallCostingSeveralPermitsWaitsForAllOfThem() {
        TokenBucket bucket = new TokenBucket(1000, 100, now::get);

        assertThat(bucket.reserve(990)).isZero();
        assertThat(bucket.reserve(30)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aPauseHoldsEveryCallUntilItEndsAndSpendsWhatWasLeft() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);

        bucket.pause(Duration.ofSeconds(2));

        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofMillis(2200));
        advance(Duration.ofSeconds(1));
        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofMillis(1400));
        advance(Duration.ofSeconds(3));
        // 1.6 s of refill after the pause paid back the two reservations and left 6 permits' worth, capped at 5
        assertThat(bucket.tokens()).isEqualTo(5.0);
    }

    @Test
    void aShorterPauseNeverShortensALongerOne() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);

        bucket.pause(Duration.ofSeconds(5));
        bucket.pause(Duration.ofSeconds(1));

        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofMillis(5200));
    }

    @Test
    void theServersBucketReplacesOurGuessAndCapsOurBalance() {
        TokenBucket bucket = new TokenBucket(1000, 100, now::get);

        bucket.serverBucket(40, 2000, 50);

        assertThat(bucket.capacity()).isEqualTo(2000.0);
        assertThat(bucket.refillPerSecond()).isEqualTo(50.0);
        assertThat(bucket.tokens()).isEqualTo(40.0);
        assertThat(bucket.reserve(10)).isZero();
        assertThat(bucket.reserve(40)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theServersRateReplacesTheDocumentedOne() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);
        for (int call = 0; call < 5; call++) {
            bucket.reserve(1);
        }

        bucket.serverRate(0.5);

        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void concurrentCallersEachGetTheirOwnSlotAndNoPermitIsHandedOutTwice() throws Exception {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);
        int threads = 8;
        int callsEach = 100;
        java.util.List<Duration> waits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int call = 0; call < callsEach; call++) {
                        waits.add(bucket.reserve(1));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // with the clock standing still: five go at once, then exactly one slot every 200 ms, none shared
        java.util.List<Duration> sorted = waits.stream().sorted().toList();
        assertThat(sorted).hasSize(threads * callsEach);
        assertThat(sorted.subList(0, 5)).allMatch(Duration::isZero);
        for (int i = 5; i < sorted.size(); i++) {
            assertThat(sorted.get(i)).isEqualTo(Duration.ofMillis(200L * (i - 4)));
        }
    }

    @Test
    void aBucketNeedsAPositiveSizeAndRate() {
        assertThatThrownBy(() -> new TokenBucket(0, 5, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(5, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffDoublesEachAttemptWithinTheCapAndJittersTheUpperHalf() {
        Duration initial = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(1);

        assertThat(ChannelDispatcher.backoff(initial, max, 1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(ChannelDispatcher.backoff(initial, max, 1, 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(ChannelDispatcher.backoff(initial, max, 3, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(ChannelDispatcher.backoff(initial, max, 3, 0.5)).isEqualTo(Duration.ofMillis(300));
        assertThat(ChannelDispatcher.backoff(initial, max, 10, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(ChannelDispatcher.backoff(initial, max, 10, 1.0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void partitionKeepsTheOrderGiven() {
        assertThat(ChannelDispatcher.partition(java.util.List.of(1, 2, 3, 4, 5), 2))
                .containsExactly(java.util.List.of(1, 2), java.util.List.of(3, 4), java.util.List.of(5));
    }
}
