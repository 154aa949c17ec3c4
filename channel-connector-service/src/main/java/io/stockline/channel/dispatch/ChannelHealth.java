package io.stockline.channel.dispatch;

import java.time.Instant;

/**
 * How the dispatcher sees one channel right now, for the status API: its circuit breaker ({@code CLOSED},
 * {@code OPEN}, {@code HALF_OPEN}), until when the marketplace told us to hold off (null when it did not),
 * how many rate-limit answers (HTTP 429, Shopify THROTTLED) it has given since start, the rate its calls are paced
 * at (the documented one until the marketplace reports its own; 0 when never called), and the last failure.
 */
public record ChannelHealth(String channelId, String circuitState, Instant throttledUntil, long rateLimitResponses,
        double ratePerSecond, String lastError, Instant lastErrorAt) {

    public static ChannelHealth unknown(String channelId) {
        return new ChannelHealth(channelId, "CLOSED", null, 0, 0, null, null);
    }
}
