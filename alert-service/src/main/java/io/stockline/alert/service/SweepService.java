package io.stockline.alert.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.repository.AlertStateRepository;
import io.stockline.alert.repository.StockStateRepository;

/**
 * What changes without an event: a cool-down passing (a held condition opens then if it still holds) and dates
 * passing (a lot comes within its expiry window). Each subject is re-evaluated in a transaction of its own.
 */
@ApplicationScoped
public class SweepService {

    private static final int PENDING_BATCH = 200;

    private final AlertService alerts;
    private final DeadLetterService deadLetters;

    public SweepService(AlertService alerts, DeadLetterService deadLetters) {
        this.alerts = alerts;
        this.deadLetters = deadLetters;
    }

    @Scheduled(every = "${stockline.alerts.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onDeadLetterTimer() {
        return quietDeadLetters().onFailure().recoverWithUni(failure -> {
            Log.warnf("dead-letter quiet sweep failed: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Resolves the DEAD_LETTERS alerts of topics that have received nothing for the quiet period. */
    public Uni<Void> quietDeadLetters() {
        return deadLetters.quietTopics().chain(topics -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String topic : topics) {
                chain = chain.chain(() -> deadLetters.resolveIfQuiet(topic));
            }
            return chain;
        });
    }

    @Scheduled(every = "${stockline.alerts.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onPendingTimer() {
        return pendingDue().onFailure().recoverWithUni(failure -> {
            Log.warnf("cool-down sweep failed: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    @Scheduled(every = "${stockline.alerts.expiry-sweep-interval}", delayed = "${stockline.alerts.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onExpiryTimer() {
        return expiry().onFailure().recoverWithUni(failure -> {
            Log.warnf("expiry sweep failed: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Re-evaluates the subjects whose cool-down has passed while their condition was held. */
    public Uni<Void> pendingDue() {
        return alerts.pendingDue(PENDING_BATCH).chain(subjects -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AlertStateRepository.Subject subject : subjects) {
                chain = chain.chain(() -> subject.kind() == AlertKind.SYNC_FAILING
                        ? alerts.reevaluateChannel(subject.channel())
                        : alerts.reevaluateStock(subject.sku(), subject.location()));
            }
            return chain;
        });
    }

    /** Re-evaluates every (SKU, location) with dated lots, so a lot entering its window alerts without an event. */
    public Uni<Void> expiry() {
        return alerts.withDatedLots().chain(subjects -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (StockStateRepository.StockSubject subject : subjects) {
                chain = chain.chain(() -> alerts.reevaluateStock(subject.sku(), subject.location()));
            }
            return chain;
        });
    }
}
