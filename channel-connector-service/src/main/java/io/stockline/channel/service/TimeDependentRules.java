package io.stockline.channel.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.repository.ChannelRepository;

/**
 * Rules whose answer moves with time alone, with no stock change to set them off: a dynamic buffer (demand cools
 * off, the measured lag moves) is recomputed on every tick; withheld expiring lots when the seller's date turns
 * (a lot enters the window at midnight). Any instance may run it: a recompute takes the channel's lock, and one that
 * changes nothing writes nothing.
 */
@ApplicationScoped
public class TimeDependentRules {

    private final ChannelRepository channels;
    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final ZoneId sellerZone;
    private final AtomicReference<LocalDate> lastDate = new AtomicReference<>();

    public TimeDependentRules(ChannelRepository channels, ChannelSyncService sync, ChannelWorkers workers,
            @ConfigProperty(name = "stockline.lots.zone", defaultValue = "UTC") ZoneId sellerZone) {
        this.channels = channels;
        this.sync = sync;
        this.workers = workers;
        this.sellerZone = sellerZone;
    }

    @Scheduled(every = "${stockline.channel.time-rules-interval:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        LocalDate today = LocalDate.now(sellerZone);
        boolean dateTurned = !today.equals(lastDate.getAndSet(today));
        return due(dateTurned).chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> recompute(id)
                        .invoke(changed -> {
                            if (changed > 0) {
                                workers.wake(id);
                            }
                        })
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("channel %s: time-dependent rules not recomputed: %s", id, failure.getMessage());
                            return 0;
                        }))
                .collect().last()).replaceWithVoid();
    }

    /** The enabled channels to recompute now: those with a dynamic buffer, and on a new date those withholding lots. */
    @WithConnection
    Uni<List<String>> due(boolean dateTurned) {
        return channels.all().map(all -> all.stream().filter(ChannelSettings::enabled)
                .filter(channel -> channel.rules().dynamicBuffer() != null
                        || dateTurned && channel.rules().expiringWithheldDays() > 0)
                .map(ChannelSettings::id).toList());
    }

    /** Recomputes every SKU of the channel; how many wanted quantities changed. */
    @WithTransaction
    public Uni<Integer> recompute(String channelId) {
        return channels.settings(channelId).chain(channel -> channel == null ? Uni.createFrom().item(0)
                : sync.recomputeChannel(channel, null));
    }
}
