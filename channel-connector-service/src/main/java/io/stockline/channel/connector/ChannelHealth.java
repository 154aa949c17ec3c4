package io.stockline.channel.connector;

import java.time.Instant;

/**
 * How the dispatcher sees one channel right now, for the status API: its circuit breaker ({@code CLOSED},
 * {@code OPEN}, {@code HALF_OPEN}), until when the marketplace told us to hold off (null when it did not),
 * how many rate-limit answers (HTTP 429, Shopify THROTTLED) it has given since start, and the last failure.
 */
public record ChannelHealth(String channelId, String circuitState, Instant throttledUntil, long rateLimitResponses,
        String lastError, Instant lastErrorAt) {

    public static ChannelHealth unknown(String channelId) {
        return new ChannelHealth(channelId, "CLOSED", null, 0, null, null);
    }
}
