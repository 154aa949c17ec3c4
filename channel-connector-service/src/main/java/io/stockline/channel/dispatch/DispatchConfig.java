package io.stockline.channel.dispatch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code stockline.connector.*}: how hard the dispatcher tries, for every channel; a channel's options override each value
 * ({@code retryMaxAttempts}, {@code retryInitialBackoffMillis}, {@code retryMaxBackoffMillis},
 * {@code throttleMaxWaits}, {@code circuitRequestVolume}, {@code circuitFailureRatio}, {@code circuitDelayMillis}).
 */
@ConfigMapping(prefix = "stockline.connector")
public interface DispatchConfig {

    Retry retry();

    Throttle throttle();

    Circuit circuit();

    interface Retry {
        /** Calls made for one batch that keeps failing transiently (5xx, timeouts), the first included. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Throttle {
        /** Times one batch waits as the marketplace says (429, THROTTLED) before the dispatcher gives up on it. */
        @WithDefault("10")
        int maxWaits();

        /** The longest one wait may be, whatever the marketplace says. */
        @WithDefault("5m")
        Duration maxWait();
    }

    interface Circuit {
        /** The rolling window of calls the breaker judges. */
        @WithDefault("10")
        int requestVolume();

        /** The share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker fails fast before it lets a trial call through. */
        @WithDefault("30s")
        Duration delay();
    }
}
