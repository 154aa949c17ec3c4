package io.stockline.channel.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Asks every enabled channel to reconcile every {@code stockline.channel.reconcile-interval}. */
@ApplicationScoped
public class ReconcileSchedule {

    private final PushPipeline pipeline;
    private final Reconciler reconciler;
    private final ChannelWorkers workers;

    public ReconcileSchedule(PushPipeline pipeline, Reconciler reconciler, ChannelWorkers workers) {
        this.pipeline = pipeline;
        this.reconciler = reconciler;
        this.workers = workers;
    }

    @Scheduled(every = "${stockline.channel.reconcile-interval:15m}", delayed = "${stockline.channel.reconcile-interval:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileAll() {
        return pipeline.enabledChannels().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> reconciler.request(id).invoke(() -> workers.wake(id)))
                .collect().last()).replaceWithVoid();
    }
}
