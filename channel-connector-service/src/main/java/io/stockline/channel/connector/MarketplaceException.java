package io.stockline.channel.connector;

import java.time.Duration;

/**
 * Why a whole call to a marketplace failed; the dispatcher decides from the kind whether and when to try again. A
 * failed answer may still say something about the marketplace's limits: {@link #rateSignal()}.
 */
public abstract sealed class MarketplaceException extends RuntimeException {

    private RateSignal rateSignal = RateSignal.NONE;

    protected MarketplaceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the failed answer said about the marketplace's limits; {@link RateSignal#NONE} when nothing. */
    public RateSignal rateSignal() {
        return rateSignal;
    }

    /** This failure, carrying what its answer said about the limits too (the later word wins where both say). */
    public MarketplaceException carrying(RateSignal signal) {
        if (signal != null) {
            this.rateSignal = rateSignal.then(signal);
        }
        return this;
    }

    /** The marketplace asked us to slow down (HTTP 429, Shopify THROTTLED); try again after {@code retryAfter}. */
    public static final class Throttled extends MarketplaceException {

        public Throttled(String message, Duration retryAfter) {
            this(message, RateSignal.retryAfter(retryAfter));
        }

        /** {@code signal} without a retry-after means the one second HTTP assumes. */
        public Throttled(String message, RateSignal signal) {
            super(message, null);
            carrying(signal.retryAfter() != null ? signal : signal.withRetryAfter(MarketplaceHttp.DEFAULT_RETRY_AFTER));
        }

        public Duration retryAfter() {
            return rateSignal().retryAfter();
        }
    }

    /** 5xx, timeouts, refused connections: worth retrying with backoff. */
    public static final class TransientFailure extends MarketplaceException {
        public TransientFailure(String message, Throwable cause) {
            super(message, cause);
        }

        public TransientFailure(String message) {
            super(message, null);
        }
    }

    /** Credentials refused even after a token refresh. */
    public static final class AuthenticationFailure extends MarketplaceException {
        public AuthenticationFailure(String message) {
            super(message, null);
        }
    }

    /** The request itself is wrong (4xx other than 401/429, missing settings); retrying the same call will not help. */
    public static final class PermanentFailure extends MarketplaceException {
        public PermanentFailure(String message) {
            super(message, null);
        }
    }

    /** The channel's circuit breaker is open: no call was made. */
    public static final class CircuitOpen extends MarketplaceException {
        public CircuitOpen(String message) {
            super(message, null);
        }
    }
}
