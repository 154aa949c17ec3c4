package io.stockline.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How the HTTP answers every marketplace agrees on are read (moved out of RateLimiterMathsTest with the dispatcher). */
class MarketplaceHttpTest {

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(MarketplaceHttp.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(MarketplaceHttp.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(MarketplaceHttp.retryAfter(null)).isEqualTo(MarketplaceHttp.DEFAULT_RETRY_AFTER);
        assertThat(MarketplaceHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(MarketplaceHttp.retryAfter("soon")).isEqualTo(MarketplaceHttp.DEFAULT_RETRY_AFTER);
    }
}
