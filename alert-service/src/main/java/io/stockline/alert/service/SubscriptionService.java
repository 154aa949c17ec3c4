package io.stockline.alert.service;

import java.net.URI;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Digest;
import io.stockline.alert.domain.Subscription;
import io.stockline.alert.domain.SubscriptionFilter;
import io.stockline.alert.repository.SubscriptionRepository;
import io.stockline.platform.outbound.OutboundGuard;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.secrets.SecretBox;

/** Subscriptions: who hears about which alerts, and how. */
@ApplicationScoped
public class SubscriptionService {

    /** What an admin sends. On a change, a null secret keeps the one stored. */
    public record SubscriptionRequest(@NotBlank @Size(max = 200) String name, @NotNull Subscription.Channel channel,
            @NotBlank @Size(max = 2000) String target, @Size(max = 500) String secret, List<AlertKind> kinds,
            @Size(max = 200) String sku, @Size(max = 200) String location, Boolean digest,
            @Pattern(regexp = "\\d{2}:\\d{2}", message = "a time of day in UTC, such as 08:00") String digestTime,
            Boolean enabled) {
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final SubscriptionRepository subscriptions;
    private final Clock clock;
    private final OutboundGuard guard;
    private final SecretBox box;

    public SubscriptionService(SubscriptionRepository subscriptions, Clock clock, OutboundGuard guard, SecretBox box) {
        this.box = box;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.guard = guard;
    }

    @WithTransaction
    public Uni<List<Subscription>> all() {
        return subscriptions.all();
    }

    @WithTransaction
    public Uni<Subscription> find(UUID id) {
        return subscriptions.find(id).onItem().ifNull()
                .failWith(() -> RuleViolation.unknownPath("id", "no subscription " + id));
    }

    /** Checks the target where it will be called (outside the transaction: it resolves a name), then stores it. */
    public Uni<Subscription> create(SubscriptionRequest request) {
        if (request.channel() == Subscription.Channel.WEBHOOK && (request.secret() == null || request.secret().isBlank())) {
            throw RuleViolation.invalid("secret", "a webhook needs a secret to sign its messages with");
        }
        Subscription subscription = subscription(UUID.randomUUID(), request);
        return reachable(subscription).chain(() -> insert(subscription));
    }

    @WithTransaction
    Uni<Subscription> insert(Subscription subscription) {
        return subscriptions.insert(subscription);
    }

    public Uni<Subscription> change(UUID id, SubscriptionRequest request) {
        Subscription subscription = subscription(id, request);
        return reachable(subscription).chain(() -> update(id, subscription));
    }

    /**
     * A webhook or chat target must not lead into the deployment (loopback, metadata, private ranges) unless the
     * deployment allows its host: a 422 naming {@code target} otherwise. Delivery checks it again when it calls.
     */
    private Uni<Void> reachable(Subscription subscription) {
        if (subscription.channel() == Subscription.Channel.EMAIL) {
            return Uni.createFrom().voidItem();
        }
        return guard.check("target", subscription.target(), false).replaceWithVoid();
    }

    @WithTransaction
    Uni<Subscription> update(UUID id, Subscription subscription) {
        return subscriptions.update(subscription).onItem().ifNull()
                .failWith(() -> RuleViolation.unknownPath("id", "no subscription " + id))
                .invoke(changed -> {
                    if (changed.channel() == Subscription.Channel.WEBHOOK && changed.secret() == null) {
                        throw RuleViolation.invalid("secret", "a webhook needs a secret to sign its messages with");
                    }
                });
    }

    /**
     * Seals with the current key every stored target and secret that is not: stored before sealing existed, or
     * before a key rotation. Returns how many subscriptions it sealed again.
     */
    @WithTransaction
    public Uni<Integer> resealStored() {
        return subscriptions.lockStored().chain(stored -> {
            List<SubscriptionRepository.Stored> stale = stored.stream().filter(row -> !box.isSealedWithCurrentKey(row.target())
                    || !box.isSealedWithCurrentKey(row.secret())).toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SubscriptionRepository.Stored row : stale) {
                chain = chain.chain(() -> subscriptions.reseal(row));
            }
            return chain.replaceWith(stale.size());
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return subscriptions.delete(id).map(deleted -> {
            if (!deleted) {
                throw RuleViolation.unknownPath("id", "no subscription " + id);
            }
            return null;
        });
    }

    private Subscription subscription(UUID id, SubscriptionRequest request) {
        validateTarget(request.channel(), request.target());
        if (request.secret() != null && request.secret().isBlank()) {
            throw RuleViolation.invalid("secret", "leave it out, or give one that is not blank");
        }
        boolean digest = Boolean.TRUE.equals(request.digest());
        LocalTime digestTime = null;
        if (request.digestTime() != null) {
            try {
                digestTime = LocalTime.parse(request.digestTime());
            } catch (DateTimeParseException e) {
                throw RuleViolation.invalid("digestTime", "a time of day in UTC, such as 08:00");
            }
        }
        if (digest && digestTime == null) {
            digestTime = DigestService.DEFAULT_TIME;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        if (request.kinds() != null) {
            for (AlertKind kind : request.kinds()) {
                if (kind == null) {
                    throw RuleViolation.invalid("kinds", "one of " + List.of(AlertKind.values()));
                }
                kinds.add(kind);
            }
        }
        return new Subscription(id, request.name(), request.channel(), request.target().trim(), request.secret(),
                new SubscriptionFilter(kinds, blankIsNull(request.sku()), blankIsNull(request.location())), digest,
                digestTime, digest ? Digest.next(digestTime, now) : null, null,
                request.enabled() == null || request.enabled(), now);
    }

    private static void validateTarget(Subscription.Channel channel, String target) {
        switch (channel) {
            case EMAIL -> {
                if (!EMAIL.matcher(target.trim()).matches()) {
                    throw RuleViolation.invalid("target", "an e-mail address");
                }
            }
            case WEBHOOK, CHAT -> {
                try {
                    URI uri = URI.create(target.trim());
                    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw RuleViolation.invalid("target", "an http or https URL");
                }
            }
        }
    }

    private static String blankIsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
