package io.stockline.channel.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.dispatch.CallCounts;
import io.stockline.channel.dispatch.CallCounts.Counted;
import io.stockline.channel.domain.CallMinute;
import io.stockline.channel.repository.CallMinuteRepository;

/**
 * How a channel's calls to its marketplace went, minute by minute, for the console's chart: each instance counts its
 * own calls in memory and adds them to the database every few seconds, so the minutes are the whole deployment's.
 */
@ApplicationScoped
public class ChannelCalls {

    /** How far back the API reaches; the database keeps a day. */
    public static final int MAX_MINUTES = 120;
    private static final Duration KEPT = Duration.ofDays(1);

    private final ChannelAdminService admin;
    private final CallCounts counts;
    private final CallMinuteRepository minutes;

    public ChannelCalls(ChannelAdminService admin, CallCounts counts, CallMinuteRepository minutes) {
        this.admin = admin;
        this.counts = counts;
        this.minutes = minutes;
    }

    /**
     * The last {@code shown} minutes, oldest first, the current one last, every minute present (zero when nothing was
     * called); this instance's counts not yet written are in them. Fails with a 404 problem when there is no such
     * channel.
     */
    @WithConnection
    public Uni<List<CallMinute>> lastMinutes(String channelId, int shown) {
        Instant current = counts.currentMinute();
        Instant first = current.minus(Duration.ofMinutes(shown - 1L));
        return admin.get(channelId).chain(() -> minutes.since(channelId, first)).map(written -> {
            Map<Instant, CallMinute> byMinute = new HashMap<>();
            written.forEach(minute -> byMinute.put(minute.minute(), minute));
            counts.unwritten(channelId).forEach((start, minute) -> byMinute.merge(start, minute, CallMinute::plus));
            List<CallMinute> all = new ArrayList<>(shown);
            for (Instant minute = first; !minute.isAfter(current); minute = minute.plus(Duration.ofMinutes(1))) {
                all.add(byMinute.getOrDefault(minute, CallMinute.none(minute)));
            }
            return all;
        });
    }

    /**
     * Adds what this instance counted to the database. When the database cannot take it, the counts go back and are
     * written with the next ones: a blip delays the chart, it loses no call.
     */
    @Scheduled(every = "${stockline.channel.calls-write-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> writeCounted() {
        List<Counted> counted = counts.drain();
        if (counted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return write(counted).onFailure().recoverWithUni(failure -> {
            counts.putBack(counted);
            Log.warnf("channel call counts not written, kept for the next try: %s", failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    @WithTransaction
    Uni<Void> write(List<Counted> counted) {
        return minutes.add(counted).chain(() -> minutes.forgetBefore(counts.currentMinute().minus(KEPT)));
    }
}
