package io.stockline.channel.connector;

import java.time.Duration;

/** Why a whole call to a marketplace failed; the dispatcher decides from the kind whether and when to try again. */
public abstract sealed class MarketplaceException extends RuntimeException {

    protected MarketplaceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The marketplace asked us to slow down (HTTP 429, Shopify THROTTLED); try again after {@code retryAfter}. */
    public static final class Throttled extends MarketplaceException {
        private final Duration retryAfter;

        public Throttled(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
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
