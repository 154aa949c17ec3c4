package io.stockline.alert.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** stockline.alerts.*: the defaults where no rule applies, the sweeps and delivery (SMTP is quarkus.mailer.*). */
@ConfigMapping(prefix = "stockline.alerts")
public interface AlertConfig {

    /** The reorder point of LOW_STOCK where no rule sets one. */
    @WithName("low-stock-threshold")
    long lowStockThreshold();

    /** The maximum of OVERSTOCK where no rule sets one; none means no overstock alerts by default. */
    @WithName("overstock-maximum")
    Optional<Long> overstockMaximum();

    @WithName("near-expiry-days")
    long nearExpiryDays();

    /** Seconds of sync lag over which a channel alerts, where no rule says otherwise. */
    @WithName("sync-lag-limit")
    long syncLagLimit();

    @WithName("default-cooldown")
    Duration defaultCooldown();

    /** The regex of the dead-letter topics watched (channel dead-letters reads it as its topic pattern). */
    @WithName("dead-letter-topics")
    String deadLetterTopics();

    /** How long a dead-letter topic must stay without new records before its DEAD_LETTERS alert resolves. */
    @WithName("dead-letter-quiet-period")
    @WithDefault("1H")
    Duration deadLetterQuietPeriod();

    /** Also publish io.stockline.alert.low-stock.v1 for each LOW_STOCK opening, for consumers of the old type. */
    @WithName("legacy-low-stock-event")
    @WithDefault("true")
    boolean legacyLowStockEvent();

    /** How often held conditions whose cool-down has passed are looked at again. Read by @Scheduled. */
    @WithName("sweep-interval")
    String sweepInterval();

    /** How often dated lots are looked at again, so dates passing open expiry alerts. Read by @Scheduled. */
    @WithName("expiry-sweep-interval")
    String expirySweepInterval();

    /** How often due digests are looked for. Read by @Scheduled. */
    @WithName("digest-check")
    String digestCheck();

    Delivery delivery();

    interface Delivery {
        /** How often due deliveries are looked for. Read by @Scheduled. */
        String interval();

        @WithName("batch-size")
        @WithDefault("50")
        int batchSize();

        /** How long one attempt may hold a delivery before another instance may try it again. */
        @WithDefault("60s")
        Duration lease();

        @WithName("initial-backoff")
        Duration initialBackoff();

        @WithName("max-backoff")
        Duration maxBackoff();

        @WithName("max-attempts")
        int maxAttempts();

        @WithDefault("10s")
        Duration timeout();
    }
}
