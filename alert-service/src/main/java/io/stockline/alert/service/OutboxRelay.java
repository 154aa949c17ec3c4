package io.stockline.alert.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.messaging.AlertPublisher;
import io.stockline.alert.repository.OutboxRepository;

/**
 * Publishes the alert outbox to Kafka at least once and in order: one relay at a time across instances (a
 * transaction-scoped advisory lock), rows in id order, deleted in the same transaction only after the broker
 * acknowledged them. A crash before the delete publishes the batch again (same ce_id, so consumers can tell).
 * Runs after each consumed event and on a timer for whatever that missed.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxRepository outbox;
    private final AlertPublisher publisher;
    private final int batchSize;

    public OutboxRelay(OutboxRepository outbox, AlertPublisher publisher, AlertConfig config) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.batchSize = config.relayBatchSize();
    }

    @Scheduled(every = "${stockline.alerts.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return drain();
    }

    /** Publishes until the outbox is empty or another instance holds the relay; never fails. */
    public Uni<Void> drain() {
        return publishBatch()
                .chain(published -> published == batchSize ? drain() : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("alert outbox relay: %s; trying again on the next run", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Publishes up to one batch; how many it published. */
    @WithTransaction
    Uni<Integer> publishBatch() {
        return outbox.tryLockRelay().chain(locked -> !locked ? Uni.createFrom().item(0)
                : outbox.oldest(batchSize).chain(entries -> {
                    if (entries.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = entries.stream().map(publisher::send).toList();
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> outbox.delete(entries.stream().map(OutboxRepository.Entry::id).toList()))
                            .map(deleted -> entries.size());
                }));
    }
}
