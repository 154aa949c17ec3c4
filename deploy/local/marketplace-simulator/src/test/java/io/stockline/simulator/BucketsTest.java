package io.stockline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockline.simulator.domain.LeakyBucket;
import io.stockline.simulator.domain.TokenBucket;

class BucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theCostBucketGrantsWhatItHoldsAndRestoresAtItsRate() {
        LeakyBucket bucket = new LeakyBucket(1000, 50, 0);
        assertThat(bucket.tryTake(600, 0).granted()).isTrue();
        LeakyBucket.Result refused = bucket.tryTake(500, 0);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.currentlyAvailable()).isEqualTo(400);
        // two seconds restore 100 points
        LeakyBucket.Result granted = bucket.tryTake(500, 2 * SECOND);
        assertThat(granted.granted()).isTrue();
        assertThat(granted.currentlyAvailable()).isZero();
        // never above its size
        assertThat(bucket.tryTake(0, 1000 * SECOND).currentlyAvailable()).isEqualTo(1000);
    }

    @Test
    void theUsagePlanAllowsTheBurstThenTheRate() {
        TokenBucket plan = new TokenBucket(5, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(plan.tryTake(0)).isTrue();
        }
        assertThat(plan.tryTake(0)).isFalse();
        assertThat(plan.tryTake(SECOND / 5)).isTrue();
        assertThat(plan.tryTake(SECOND / 5)).isFalse();
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (plan.tryTake(10 * SECOND)) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(5);
    }
}
