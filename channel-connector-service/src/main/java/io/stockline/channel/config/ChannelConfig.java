package io.stockline.channel.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of the push pipeline (channels themselves live in the database, see {@link SeedConfig}). */
@ConfigMapping(prefix = "stockline.channel")
public interface ChannelConfig {

    /** How often every channel's worker looks for due pairs even when nothing woke it. */
    @WithDefault("5s")
    Duration sweepInterval();

    /** How long a woken worker waits before its first call, so a burst's changes go out together. */
    @WithDefault("100ms")
    Duration pushLinger();

    /**
     * After a call that took everything due, the channel's next call waits this long: changes arriving meanwhile
     * coalesce into one call. It bounds calls to about one per interval per channel under a steady trickle.
     */
    @WithDefault("1s")
    Duration minCallInterval();

    /** The first back-off after a failed call; it doubles with every failure in a row. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** The longest back-off after failed calls. */
    @WithDefault("5m")
    Duration retryBackoffMax();

    /** How long to wait before calling a channel whose circuit breaker is open. */
    @WithDefault("30s")
    Duration circuitOpenWait();

    /** How long an instance holds a channel's lease without renewing it; longer than the slowest call. */
    @WithDefault("60s")
    Duration leaseTtl();

    /** How often sync status is published while anything is pending (and state changes at once). */
    @WithDefault("30s")
    Duration statusInterval();

    /** How often an instance adds the calls it counted to the database (the console's chart lags by up to this). */
    @WithDefault("5s")
    Duration callsWriteInterval();

    /** How often every channel is reconciled against what the marketplace holds. */
    @WithDefault("15m")
    Duration reconcileInterval();

    /**
     * A stage of the pipeline that takes longer than this is logged with its wall-clock start: a stock-changed record
     * waiting for its batch, a batch's transaction, or a phase of a worker's step. The timers on {@code /q/metrics}
     * say how often; this says when, to be matched with the other processes' logs. A push counts the marketplace's
     * rate wait, which takes seconds on a throttled channel by design (eBay's first pushes: 4-5 s in the channel
     * benchmark), hence the default; a diagnosis sets tens of milliseconds.
     */
    @WithDefault("10s")
    Duration slowStage();

    /** A channel whose oldest pending change is older than this is LAGGING. */
    @WithDefault("60s")
    Duration lagThreshold();

    /** A channel is FAILING after this many failed calls in a row. */
    @WithDefault("3")
    int failingAfter();

    /** After this many compare-and-set conflicts in a row a pair is marked failed instead of retried. */
    @WithDefault("5")
    int maxConflicts();

    /**
     * How long after a marketplace queued an update (Amazon's 200 ACCEPTED) it is first read back to confirm it; each
     * read-back that does not show it yet doubles the wait (up to {@code retry-backoff-max}).
     */
    @WithDefault("2s")
    Duration confirmDelay();

    /**
     * Read-backs that fall due are gathered until they fill one read call (Amazon's search takes 20 SKUs) or the
     * oldest has waited this long past its time: one call then confirms many, not one per update.
     */
    @WithDefault("2s")
    Duration confirmGather();

    /**
     * Read-backs of a queued update before it is given up on and sent again under a new version (reconciliation
     * repairs what is left).
     */
    @WithDefault("6")
    int confirmAttempts();

    /**
     * The most updates one worker call carries (the connector's own maximum applies when smaller): at least the largest
     * documented batch (Shopify's 250 quantities), or that marketplace's calls carry fewer than it takes.
     */
    @WithDefault("250")
    int maxBatch();

    /** This instance's name on channel leases; a random one when unset. */
    Optional<String> instanceId();
}
