package io.stockline.inventory.counting.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.platform.sql.Transactions;

/**
 * The nightly jobs: recompute the ABC classes, then propose the due count tasks at every location. Both are safe on
 * several instances at once: a recompute writes the same classes, and a SKU has at most one unfinished task per
 * location (a unique index), so a second proposal adds nothing.
 */
@ApplicationScoped
public class CountingSchedule {

    private final AbcService abc;
    private final CountTaskService tasks;
    private final LocationRepository locations;
    private final Transactions transactions;

    public CountingSchedule(AbcService abc, CountTaskService tasks, LocationRepository locations,
            Transactions transactions) {
        this.abc = abc;
        this.tasks = tasks;
        this.locations = locations;
        this.transactions = transactions;
    }

    @Scheduled(cron = "{stockline.counting.abc.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recomputeClasses() {
        return abc.recompute().replaceWithVoid()
                .onFailure().invoke(failure -> Log.errorf(failure, "scheduled ABC recompute failed"))
                .onFailure().recoverWithNull();
    }

    @Scheduled(cron = "{stockline.counting.schedule.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> proposeEverywhere() {
        return locationCodes()
                .onItem().transformToMulti(codes -> Multi.createFrom().iterable(codes))
                .onItem().transformToUniAndConcatenate(code -> tasks.propose(code)
                        .onFailure().invoke(failure -> Log.errorf(failure, "scheduled count proposal at %s failed", code))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<List<String>> locationCodes() {
        return transactions.onConnection(() -> locations.listAll())
                .map(all -> all.stream().map(l -> l.code).sorted().toList());
    }
}
