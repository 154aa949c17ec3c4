package io.stockline.channel.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.SyncState;
import io.stockline.channel.messaging.SyncStatusPublisher;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.HealthRepository;
import io.stockline.channel.repository.SyncStateRepository;

/**
 * Each channel's sync health from sync_state and channel_health, published to channel.sync-status on every change
 * of state and every {@code status-interval} while anything is pending.
 */
@ApplicationScoped
public class SyncStatusService {

    /** SyncStatusV1, plus {@code rejected}: pairs the marketplace refused for good. */
    public record SyncStatus(String channelId, String channelType, SyncState state, long pending, long lagSeconds,
            int consecutiveFailures, int failuresLastHour, OffsetDateTime lastSuccessAt, String lastError,
            long rejected, OffsetDateTime reportedAt) {
    }

    private final ChannelRepository channels;
    private final SyncStateRepository syncState;
    private final HealthRepository health;
    private final SyncStatusPublisher publisher;
    private final ChannelConfig config;
    private final Map<String, SyncState> lastPublished = new ConcurrentHashMap<>();

    public SyncStatusService(ChannelRepository channels, SyncStateRepository syncState, HealthRepository health,
            SyncStatusPublisher publisher, ChannelConfig config) {
        this.channels = channels;
        this.syncState = syncState;
        this.health = health;
        this.publisher = publisher;
        this.config = config;
    }

    /** The channel's status, or null when there is no such channel. */
    @WithSession
    public Uni<SyncStatus> status(String channelId) {
        return channels.settings(channelId).chain(channel -> channel == null ? Uni.createFrom().nullItem() : of(channel));
    }

    private Uni<SyncStatus> of(ChannelSettings channel) {
        return syncState.summary(channel.id()).chain(summary -> health.of(channel.id()).map(current -> {
            boolean circuitOpen = current.circuitOpen() && current.backingOff();
            SyncState state = SyncState.of(channel.enabled(), circuitOpen, current.consecutiveFailures(),
                    config.failingAfter(), summary.pending(), summary.lagSeconds(), config.lagThreshold().toSeconds());
            return new SyncStatus(channel.id(), channel.type().name(), state, summary.pending(), summary.lagSeconds(),
                    current.consecutiveFailures(), current.failuresLastHour(), current.lastSuccessAt(),
                    current.lastError(), summary.rejected(), OffsetDateTime.now(ZoneOffset.UTC));
        }));
    }

    @WithSession
    Uni<List<SyncStatus>> all() {
        return channels.all().chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(this::of).collect().asList());
    }

    /** Publishes the channel's status when its state is not the one last published. */
    public Uni<Void> publishIfChanged(String channelId) {
        return status(channelId).chain(status -> status == null
                || status.state() == lastPublished.get(channelId) ? Uni.createFrom().voidItem() : publish(status));
    }

    @Scheduled(every = "${stockline.channel.status-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishPeriodically() {
        return all().chain(statuses -> Multi.createFrom().iterable(statuses)
                .filter(status -> status.pending() > 0 || status.state() != lastPublished.get(status.channelId()))
                .onItem().transformToUniAndConcatenate(this::publish).collect().last()).replaceWithVoid();
    }

    private Uni<Void> publish(SyncStatus status) {
        lastPublished.put(status.channelId(), status.state());
        return publisher.publish(status);
    }
}
