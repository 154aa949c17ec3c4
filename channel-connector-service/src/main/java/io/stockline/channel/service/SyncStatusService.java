package io.stockline.channel.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;
import io.stockline.platform.config.Topics;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.SyncState;
import io.stockline.channel.domain.SyncStatus;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.HealthRepository;
import io.stockline.channel.repository.HealthRepository.Health;
import io.stockline.channel.repository.StatusReportRepository;
import io.stockline.channel.repository.SyncStateRepository;
import io.stockline.channel.repository.SyncStateRepository.Summary;
import io.stockline.platform.outbox.Outbox;

/**
 * Each channel's sync health from sync_state and channel_health, reported to channel.sync-status on every change
 * of state and every {@code status-interval} while anything is pending. A report is written to the outbox in the
 * transaction that records it as reported, so it is published exactly when it counts as reported (the platform's
 * relay publishes it).
 */
@ApplicationScoped
public class SyncStatusService {

    private final ChannelRepository channels;
    private final SyncStateRepository syncState;
    private final HealthRepository health;
    private final StatusReportRepository reports;
    private final Outbox outbox;
    private final ChannelConfig config;
    private final String topic;

    public SyncStatusService(ChannelRepository channels, SyncStateRepository syncState, HealthRepository health,
            StatusReportRepository reports, Outbox outbox, ChannelConfig config, Topics topics) {
        this.channels = channels;
        this.syncState = syncState;
        this.health = health;
        this.reports = reports;
        this.outbox = outbox;
        this.config = config;
        this.topic = topics.syncStatus();
    }

    /** The channel's status, or null when there is no such channel. */
    @WithConnection
    public Uni<SyncStatus> status(String channelId) {
        return current(channelId);
    }

    /** Every channel's status, in the order of their ids: three queries, however many channels there are. */
    @WithConnection
    public Uni<List<SyncStatus>> statuses() {
        return channels.all().chain(this::of);
    }

    /** Reports the channel's status when its state is not the one reported last. */
    @WithTransaction
    public Uni<Void> publishIfChanged(String channelId) {
        return current(channelId).chain(status -> status == null ? Uni.createFrom().voidItem()
                : reports.recordIfChanged(channelId, status.state())
                        .chain(changed -> changed ? report(status) : Uni.createFrom().voidItem()));
    }

    @Scheduled(every = "${stockline.channel.status-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> publishPeriodically() {
        return channels.all().chain(this::of).chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(status -> status.pending() > 0
                        ? reports.record(status.channelId(), status.state()).chain(() -> report(status))
                        : reports.recordIfChanged(status.channelId(), status.state())
                                .chain(changed -> changed ? report(status) : Uni.createFrom().voidItem()))
                .collect().last()).replaceWithVoid();
    }

    private Uni<SyncStatus> current(String channelId) {
        return channels.settings(channelId).chain(channel -> channel == null ? Uni.createFrom().nullItem()
                : of(List.of(channel)).map(statuses -> statuses.get(0)));
    }

    /**
     * The status of each channel, in the channels' order, from one read of their pending pairs and one of their
     * health: the one way a status is computed, for a single channel as for all.
     */
    private Uni<List<SyncStatus>> of(List<ChannelSettings> listed) {
        if (listed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = listed.stream().map(ChannelSettings::id).toList();
        return syncState.summaries(ids).chain(summaries -> health.of(ids).map(healths -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return listed.stream().map(channel -> of(channel, summaries.getOrDefault(channel.id(), Summary.NONE),
                    healths.getOrDefault(channel.id(), Health.NONE), now)).toList();
        }));
    }

    private SyncStatus of(ChannelSettings channel, Summary summary, Health current, OffsetDateTime now) {
        boolean circuitOpen = current.circuitOpen() && current.backingOff();
        SyncState state = SyncState.of(channel.enabled(), circuitOpen, current.consecutiveFailures(),
                config.failingAfter(), summary.pending(), summary.lagSeconds(), config.lagThreshold().toSeconds());
        return new SyncStatus(channel.id(), channel.type().name(), state, summary.pending(), summary.lagSeconds(),
                current.consecutiveFailures(), current.failuresLastHour(), current.lastSuccessAt(),
                current.lastError(), summary.rejected(), now);
    }

    private Uni<Void> report(SyncStatus status) {
        return outbox.add(outbox.event(UUID.randomUUID(), SyncStatus.TYPE, topic, status.channelId(), status));
    }
}
