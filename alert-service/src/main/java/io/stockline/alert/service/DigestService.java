package io.stockline.alert.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertEvent;
import io.stockline.alert.domain.Delivery;
import io.stockline.alert.domain.Digest;
import io.stockline.alert.domain.Subscription;
import io.stockline.alert.repository.AlertRepository;
import io.stockline.alert.repository.DeliveryRepository;
import io.stockline.alert.repository.SubscriptionRepository;
import io.stockline.platform.problem.RuleViolation;

/**
 * Daily digests: at its digest time, a digest subscription gets one delivery summarising the alerts opened or
 * resolved since its last digest that match its filter (none when there were none). Taking a digest moves the
 * subscription's window in the same transaction that writes the delivery, so two instances never send one twice.
 */
@ApplicationScoped
public class DigestService {

    public static final LocalTime DEFAULT_TIME = LocalTime.of(8, 0);

    private final SubscriptionRepository subscriptions;
    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final Clock clock;

    public DigestService(SubscriptionRepository subscriptions, AlertRepository alerts, DeliveryRepository deliveries,
            ObjectMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${stockline.alerts.digest-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return due().chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                chain = chain.chain(() -> send(id).replaceWithVoid());
            }
            return chain;
        }).onFailure().recoverWithUni(failure -> {
            Log.warnf("digest run failed: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    @WithTransaction
    Uni<List<UUID>> due() {
        return subscriptions.digestsDue(now());
    }

    /** Takes the digest of a subscription now; how many alerts it summarised (0: nothing was sent). */
    @WithTransaction
    public Uni<Integer> send(UUID id) {
        OffsetDateTime now = now();
        return subscriptions.find(id)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no subscription " + id))
                .chain(subscription -> {
                    if (!subscription.digest()) {
                        throw RuleViolation.conflict("digest", "subscription " + id + " is not a digest subscription");
                    }
                    LocalTime at = subscription.digestTime() == null ? DEFAULT_TIME : subscription.digestTime();
                    return subscriptions.claimDigest(id, now, Digest.next(at, now))
                            .chain(since -> since == null ? Uni.createFrom().item(0)
                                    : alerts.changedBetween(since, now).chain(changed -> write(subscription, changed
                                            .stream().filter(subscription.filter()::matches).toList(), now)));
                });
    }

    private Uni<Integer> write(Subscription subscription, List<Alert> matching, OffsetDateTime upTo) {
        if (matching.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String body = switch (subscription.channel()) {
            case EMAIL -> Digest.text(matching);
            case CHAT -> write(Map.of("text", Digest.text(matching)));
            case WEBHOOK -> write(Map.of("type", Delivery.DIGEST_TYPE, "until", upTo.toString(),
                    "alerts", matching.stream().map(AlertEvent::of).toList()));
        };
        UUID deliveryId = UUID.nameUUIDFromBytes(("digest:" + subscription.id() + ":" + upTo)
                .getBytes(StandardCharsets.UTF_8));
        Log.infof("digest of %d alerts for subscription %s", matching.size(), subscription.id());
        return deliveries.insert(deliveryId, subscription.id(), null, Delivery.DIGEST_TYPE, subscription.channel(),
                Digest.subject(matching), body).replaceWith(matching.size());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
