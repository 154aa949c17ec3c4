package io.stockline.inventory.planning.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.service.PlanningService.SkuRefreshed;

/**
 * Recomputes every SKU x location's policy: nightly ({@code stockline.planning.refresh}) and on demand. A SKU per
 * transaction, so one that fails leaves the others done; safe on several instances at once (a SKU's policies are
 * locked while it is refreshed, and a second refresh stores the same figures).
 */
@ApplicationScoped
public class PlanningRefresh {

    /** One run: when it computed, and how many SKUs, policies and changed reorder points (and SKUs skipped). */
    public record Run(OffsetDateTime computedAt, int skus, int policies, int changed, int skipped, int failed) {
    }

    private final PlanningService planning;

    public PlanningRefresh(PlanningService planning) {
        this.planning = planning;
    }

    public Uni<Run> run() {
        OffsetDateTime computedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return planning.skusToPlan()
                .onItem().transformToMulti(skus -> Multi.createFrom().iterable(skus))
                .onItem().transformToUniAndConcatenate(sku -> !sku.supplied()
                        ? Uni.createFrom().item(SkuRefreshed.skipped(sku.sku()))
                        : planning.refresh(sku.sku(), computedAt)
                                .onFailure().recoverWithItem(failure -> {
                                    Log.warnf(failure, "planning refresh of %s failed", sku.sku());
                                    return SkuRefreshed.failed(sku.sku());
                                }))
                .collect().asList()
                .map(done -> {
                    int policies = done.stream().mapToInt(SkuRefreshed::policies).sum();
                    int changed = done.stream().mapToInt(SkuRefreshed::changed).sum();
                    int skipped = (int) done.stream().filter(d -> d.outcome() == SkuRefreshed.Outcome.SKIPPED).count();
                    int failed = (int) done.stream().filter(d -> d.outcome() == SkuRefreshed.Outcome.FAILED).count();
                    Log.infof("planning refresh at %s: %d SKUs, %d policies, %d reorder points changed, %d skipped,"
                            + " %d failed", computedAt, done.size(), policies, changed, skipped, failed);
                    return new Run(computedAt, done.size(), policies, changed, skipped, failed);
                });
    }

    @Scheduled(cron = "{stockline.planning.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return run().replaceWithVoid()
                .onFailure().invoke(failure -> Log.errorf(failure, "scheduled planning refresh failed"))
                .onFailure().recoverWithNull();
    }
}
