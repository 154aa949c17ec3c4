package io.stockline.channel.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.stockline.channel.domain.CallMinute;

/**
 * The calls to each channel's marketplace this instance made and has not yet written, per minute: each call sent, each
 * answered as throttled (HTTP 429, Shopify THROTTLED), each failed otherwise. Counting is a map update on the calling
 * thread; ChannelCalls drains the counts every few seconds into the database, where every instance's add up.
 */
@Singleton
public class CallCounts {

    /** What one channel's calls came to in one minute, as this instance counted them. */
    public record Counted(String channel, CallMinute minute) {
    }

    private record Key(String channel, long epochMinute) {
    }

    private final LongSupplier epochMillis;
    private Map<Key, long[]> counted = new HashMap<>();

    @Inject
    public CallCounts() {
        this(System::currentTimeMillis);
    }

    public CallCounts(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
    }

    public synchronized void called(String channel) {
        counts(channel)[0]++;
    }

    public synchronized void throttled(String channel) {
        counts(channel)[1]++;
    }

    public synchronized void failed(String channel) {
        counts(channel)[2]++;
    }

    /** Everything counted since the last drain; the counts start again from nothing. */
    public synchronized List<Counted> drain() {
        List<Counted> drained = new ArrayList<>(counted.size());
        counted.forEach((key, counts) -> drained.add(new Counted(key.channel(), minute(key.epochMinute(), counts))));
        counted = new HashMap<>();
        return drained;
    }

    /** Counts a drain took that could not be written: kept, to be written with the next ones. */
    public synchronized void putBack(List<Counted> unwritten) {
        for (Counted back : unwritten) {
            long[] counts = counted.computeIfAbsent(new Key(back.channel(), back.minute().minute().getEpochSecond() / 60),
                    ignored -> new long[3]);
            counts[0] += back.minute().calls();
            counts[1] += back.minute().throttled();
            counts[2] += back.minute().failed();
        }
    }

    /** This instance's counts for the channel not yet written, by minute. */
    public synchronized Map<Instant, CallMinute> unwritten(String channel) {
        Map<Instant, CallMinute> minutes = new HashMap<>();
        counted.forEach((key, counts) -> {
            if (key.channel().equals(channel)) {
                CallMinute minute = minute(key.epochMinute(), counts);
                minutes.put(minute.minute(), minute);
            }
        });
        return minutes;
    }

    /** The start of the current minute. */
    public Instant currentMinute() {
        return Instant.ofEpochSecond(epochMillis.getAsLong() / 60_000 * 60);
    }

    private long[] counts(String channel) {
        return counted.computeIfAbsent(new Key(channel, epochMillis.getAsLong() / 60_000), ignored -> new long[3]);
    }

    private static CallMinute minute(long epochMinute, long[] counts) {
        return new CallMinute(Instant.ofEpochSecond(epochMinute * 60), counts[0], counts[1], counts[2]);
    }
}
