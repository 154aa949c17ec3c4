package io.stockline.alert.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.Backoff;
import io.stockline.alert.domain.Delivery;
import io.stockline.alert.messaging.DeliveryFailure;
import io.stockline.alert.messaging.Notifier;
import io.stockline.alert.repository.DeliveryRepository;
import io.stockline.platform.problem.RuleViolation;

/**
 * Works the delivery table: claims what is due (one attempt each, under a lease), sends outside any transaction,
 * and records the outcome. A failure is retried with exponential backoff until max-attempts, then stays FAILED
 * with its last error for people to see and retry; nothing is dropped.
 */
@ApplicationScoped
public class DeliveryService {

    private final DeliveryRepository deliveries;
    private final Notifier notifier;
    private final Clock clock;
    private final AlertConfig.Delivery config;
    private final Backoff backoff;
    private final MeterRegistry metrics;

    public DeliveryService(DeliveryRepository deliveries, Notifier notifier, Clock clock, AlertConfig config,
            MeterRegistry metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.clock = clock;
        this.config = config.delivery();
        this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff());
    }

    record Outcome(DeliveryRepository.Claimed claimed, String error) {
    }

    @Scheduled(every = "${stockline.alerts.delivery.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return deliverDue().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.warnf("delivery run failed: %s; trying again on the next run", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** One round: how many deliveries it attempted. */
    public Uni<Integer> deliverDue() {
        return claim().chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Outcome>> sends = claimed.stream().map(this::attempt).toList();
            return Uni.join().all(sends).andFailFast().chain(this::record).map(ignored -> claimed.size());
        });
    }

    @WithTransaction
    Uni<List<DeliveryRepository.Claimed>> claim() {
        OffsetDateTime now = now();
        return deliveries.claimDue(config.batchSize(), now, now.plus(config.lease()));
    }

    private Uni<Outcome> attempt(DeliveryRepository.Claimed claimed) {
        return notifier.send(claimed.delivery(), claimed.target(), claimed.secret())
                .map(ignored -> new Outcome(claimed, null))
                .onFailure().recoverWithItem(failure -> new Outcome(claimed, describe(failure)));
    }

    /**
     * What viewers read as the delivery's lastError and the log holds: the notifier's own description, else only the
     * failure's class. Any other message may carry the target's path, a chat URL's credential.
     */
    private static String describe(Throwable failure) {
        String message = failure instanceof DeliveryFailure described && described.getMessage() != null
                ? described.getMessage() : failure.getClass().getSimpleName();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    @WithTransaction
    Uni<Void> record(List<Outcome> outcomes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Outcome outcome : outcomes) {
            Delivery delivery = outcome.claimed().delivery();
            if (outcome.error() == null) {
                Log.debugf("delivery %s (%s) delivered on attempt %d", delivery.id(), delivery.channel(),
                        delivery.attempts());
                metrics.counter("stockline.alert.deliveries", "channel", delivery.channel().name(), "outcome",
                        "DELIVERED").increment();
                chain = chain.chain(() -> deliveries.delivered(delivery.id(), delivery.attempts()));
            } else {
                OffsetDateTime next = delivery.attempts() >= config.maxAttempts() ? null
                        : now().plus(backoff.after(delivery.attempts()));
                Log.warnf("delivery %s (%s) attempt %d failed: %s; %s", delivery.id(), delivery.channel(),
                        delivery.attempts(), outcome.error(), next == null ? "given up" : "next at " + next);
                metrics.counter("stockline.alert.deliveries", "channel", delivery.channel().name(), "outcome",
                        next == null ? "GIVEN_UP" : "RETRY").increment();
                chain = chain.chain(() -> deliveries.failed(delivery.id(), delivery.attempts(), outcome.error(), next));
            }
        }
        return chain;
    }

    @WithTransaction
    public Uni<List<Delivery>> list(DeliveryRepository.Filter filter) {
        return deliveries.list(filter);
    }

    @WithTransaction
    public Uni<Delivery> find(UUID id) {
        return deliveries.find(id).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no delivery " + id));
    }

    /** Sends a delivery that has not been delivered again, now. */
    @WithTransaction
    public Uni<Delivery> retry(UUID id) {
        return deliveries.retry(id).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no delivery " + id));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
