package io.stockline.channel.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;

/**
 * Pushes again what a channel still does not hold (its push failed after its retries, or the service
 * stopped in between), so the channel ends up with the right number even when no new change arrives.
 */
@ApplicationScoped
public class PendingPushSweep {

    private static final int BATCH = 100;

    private final ChannelSyncService sync;
    private final Duration age;

    public PendingPushSweep(ChannelSyncService sync, ChannelConfig config) {
        this.sync = sync;
        this.age = config.retryAfter();
    }

    @Scheduled(every = "${stockline.channel.retry-after:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sync.pending(age, BATCH)
                .onItem().transformToMulti(pending -> Multi.createFrom().iterable(pending))
                .onItem().transformToUniAndConcatenate(pending -> sync.push(pending.sku(), pending.wantedQuantity()))
                .collect().last().replaceWithVoid();
    }
}
