package io.stockline.channel.connector;

import java.time.Duration;

/**
 * What a marketplace said about its limits in one answer, for the dispatcher to pace the channel by; every part is
 * null when the answer did not say. {@code perSecond}: the rate it allows (x-amzn-RateLimit-Limit, Shopify
 * restoreRate); {@code remaining} and {@code maximum}: its bucket now (Shopify currentlyAvailable,
 * maximumAvailable); {@code reset}: how long until an empty bucket is usable again; {@code retryAfter}: how long
 * it asked us to stop (Retry-After, the points a THROTTLED call missed).
 */
public record RateSignal(Double perSecond, Double remaining, Double maximum, Duration reset, Duration retryAfter) {

    public static final RateSignal NONE = new RateSignal(null, null, null, null, null);

    public static RateSignal rate(double perSecond) {
        return new RateSignal(perSecond, null, null, null, null);
    }

    public static RateSignal bucket(double remaining, double maximum, double perSecond) {
        return new RateSignal(perSecond, remaining, maximum, null, null);
    }

    public static RateSignal retryAfter(Duration wait) {
        return new RateSignal(null, null, null, null, wait);
    }

    public RateSignal withRetryAfter(Duration wait) {
        return new RateSignal(perSecond, remaining, maximum, reset, wait);
    }

    /** This signal updated by a later answer's: what the later one says wins, what it leaves out is kept. */
    public RateSignal then(RateSignal later) {
        return new RateSignal(later.perSecond != null ? later.perSecond : perSecond,
                later.remaining != null ? later.remaining : remaining, later.maximum != null ? later.maximum : maximum,
                later.reset != null ? later.reset : reset, later.retryAfter != null ? later.retryAfter : retryAfter);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
