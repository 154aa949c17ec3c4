package io.stockline.channel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.RateSignal;
import io.stockline.channel.connector.Reply;
import io.stockline.channel.dispatch.ChannelTraffic.Lane;
import io.stockline.channel.domain.ChannelType;

/** What the marketplaces say about their limits, as connectors hand it back, paces the channel's lane. */
class RateSignalsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private Lane lane(TokenBucket bucket) {
        ChannelAccess channel = new ChannelAccess("c-1", ChannelType.SHOPIFY, URI.create("http://127.0.0.1:1"), Map.of(),
                Map.of());
        return new Lane(channel, bucket, null, new AtomicReference<>(CircuitBreakerState.CLOSED), () -> {
        });
    }

    @Test
    void aReportedBucketReplacesOursAndCapsOurBalance() {
        TokenBucket bucket = new TokenBucket(1000, 100, now::get);

        lane(bucket).observe(RateSignal.bucket(40, 2000, 50));

        assertThat(bucket.capacity()).isEqualTo(2000.0);
        assertThat(bucket.refillPerSecond()).isEqualTo(50.0);
        assertThat(bucket.tokens()).isEqualTo(40.0);
    }

    @Test
    void aReportedRateReplacesTheDocumentedOneAndKeepsTheBurst() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);

        lane(bucket).observe(RateSignal.rate(2.5));

        assertThat(bucket.refillPerSecond()).isEqualTo(2.5);
        assertThat(bucket.capacity()).isEqualTo(5.0);
        assertThat(lane(bucket).health().ratePerSecond()).isEqualTo(2.5);
    }

    @Test
    void anEmptyBucketWithAResetTimeHoldsTheChannelUntilThen() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);

        lane(bucket).observe(new RateSignal(null, 0.0, null, Duration.ofSeconds(3), null));

        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofMillis(3200));
    }

    @Test
    void aSignalThatSaysNothingChangesNothing() {
        TokenBucket bucket = new TokenBucket(5, 5, now::get);

        lane(bucket).observe(RateSignal.NONE);
        lane(bucket).observe(RateSignal.retryAfter(Duration.ofSeconds(9)));

        assertThat(bucket.reserve(1)).isZero();
        assertThat(bucket.refillPerSecond()).isEqualTo(5.0);
    }

    @Test
    void theLaterAnswerOfSeveralCallsWinsWhereItSaysSomething() {
        Reply<List<String>> both = Reply.all(List.of(Reply.of("a", RateSignal.bucket(10, 100, 5)),
                Reply.of("b", RateSignal.rate(2)), Reply.of("c")));

        assertThat(both.value()).containsExactly("a", "b", "c");
        assertThat(both.rate()).isEqualTo(new RateSignal(2.0, 10.0, 100.0, null, null));
    }
}
