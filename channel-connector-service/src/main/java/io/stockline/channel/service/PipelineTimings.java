package io.stockline.channel.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;

/**
 * Where a change's time goes between the broker and the marketplace, for ops and the channel benchmark
 * ({@code /q/metrics}, with p50/p90/p99): how long stock-changed records wait before their batch starts, how long the
 * batch transaction takes and how many records it carries, and each worker step's phases per channel (claim, push,
 * outcome). A stage slower than {@link ChannelConfig#slowStage()} is logged with its wall-clock start.
 */
@ApplicationScoped
public class PipelineTimings {

    public static final String BATCH_WAIT = "stockline.channel.stock-changed.wait";
    public static final String BATCH_DELIVERY = "stockline.channel.stock-changed.delivery";
    public static final String BATCH_GAP = "stockline.channel.stock-changed.gap";
    public static final String BATCH_APPLY = "stockline.channel.stock-changed.apply";
    public static final String BATCH_RECORDS = "stockline.channel.stock-changed.records";
    public static final String STEP = "stockline.channel.worker.step";

    private final MeterRegistry meters;
    private final long slowNanos;
    private final Timer batchWait;
    private final Timer batchDelivery;
    private final Timer batchGap;
    private final Timer batchApply;
    /** When the last batch's work ended (System.nanoTime), 0 before the first: batches run one at a time. */
    private volatile long lastBatchEnded;
    private final DistributionSummary batchRecords;
    /** Each channel's step timers, by {@link Phase#ordinal()}: looked up once a step, with no key to build. */
    private final Map<String, Timer[]> steps = new ConcurrentHashMap<>();

    /** The phases of a worker step, as the {@code phase} tag names them. */
    public enum Phase {
        CLAIM, PUSH, OUTCOME;

        final String tag = name().toLowerCase(java.util.Locale.ROOT);
    }

    public PipelineTimings(MeterRegistry meters, ChannelConfig config) {
        this.meters = meters;
        this.slowNanos = config.slowStage().toNanos();
        this.batchWait = timer(BATCH_WAIT, "From a stock-changed record's timestamp to the start of its batch").register(meters);
        this.batchDelivery = timer(BATCH_DELIVERY,
                "From the timestamp of a stock-changed batch's newest record to the start of the batch").register(meters);
        this.batchGap = timer(BATCH_GAP, "From the end of one stock-changed batch's work to the start of the next")
                .register(meters);
        this.batchApply = timer(BATCH_APPLY, "A stock-changed batch's transaction (read model and wanted quantities)")
                .register(meters);
        this.batchRecords = DistributionSummary.builder(BATCH_RECORDS).description("Records in a stock-changed batch")
                .publishPercentiles(0.5, 0.9, 0.99).register(meters);
    }

    /**
     * Times a batch's work; {@code oldestRecordMillis} and {@code newestRecordMillis} are the timestamps of its oldest
     * and newest records. The oldest record's wait is the newest's (delivery: broker and poll) plus the span the batch
     * gathered while the one before it was applied.
     */
    public <T> Uni<T> batch(long oldestRecordMillis, long newestRecordMillis, int records, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            long now = System.currentTimeMillis();
            batchWait.record(Duration.ofMillis(Math.max(0, now - oldestRecordMillis)));
            batchDelivery.record(Duration.ofMillis(Math.max(0, now - newestRecordMillis)));
            long previous = lastBatchEnded;
            if (previous != 0) {
                batchGap.record(Duration.ofNanos(started - previous));
            }
            batchRecords.record(records);
            if ((now - oldestRecordMillis) * 1_000_000 > slowNanos) {
                Log.infof("slow stage: the oldest of a stock-changed batch's %d records waited %d ms for it (its batch "
                        + "started at %s)", records, now - oldestRecordMillis, Instant.ofEpochMilli(now));
            }
            return work.get().onTermination().invoke(() -> {
                long ended = System.nanoTime();
                lastBatchEnded = ended;
                batchApply.record(Duration.ofNanos(ended - started));
                if (ended - started > slowNanos) {
                    Log.infof("slow stage: a stock-changed batch of %d records took %d ms from %s", records,
                            (ended - started) / 1_000_000, Instant.ofEpochMilli(now));
                }
            });
        });
    }

    /** Times one phase of a worker step of {@code channel}. */
    public <T> Uni<T> step(String channel, Phase phase, Supplier<Uni<T>> work) {
        Timer timer = steps.computeIfAbsent(channel, id -> {
            Timer[] timers = new Timer[Phase.values().length];
            for (Phase each : Phase.values()) {
                timers[each.ordinal()] = timer(STEP, "A phase of a channel worker's step").tag("channel", id)
                        .tag("phase", each.tag).register(meters);
            }
            return timers;
        })[phase.ordinal()];
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return work.get().onTermination().invoke(() -> {
                long took = System.nanoTime() - started;
                timer.record(Duration.ofNanos(took));
                if (took > slowNanos) {
                    // the wall-clock start only for a step that is logged: every step reads the clock once, not twice
                    Log.infof("slow stage: channel %s's %s took %d ms from %s", channel, phase.tag, took / 1_000_000,
                            Instant.now().minusNanos(took));
                }
            });
        });
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.9, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(2));
    }
}
