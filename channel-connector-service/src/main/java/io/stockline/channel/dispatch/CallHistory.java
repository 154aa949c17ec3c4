package io.stockline.channel.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One channel's calls to its marketplace per minute over the last {@link #KEPT_MINUTES} minutes, as this process
 * made them: each call sent, each answered as throttled (HTTP 429, Shopify THROTTLED), each failed otherwise. Kept
 * in memory, a ring of minutes: a restart starts it empty, and each instance counts its own calls.
 */
public final class CallHistory {

    public static final int KEPT_MINUTES = 120;

    /** One minute of calls, starting at {@code minute}. */
    public record Minute(Instant minute, long calls, long throttled, long failed) {
    }

    private final LongSupplier epochMillis;
    private final long[] minuteOf = new long[KEPT_MINUTES];
    private final long[] calls = new long[KEPT_MINUTES];
    private final long[] throttled = new long[KEPT_MINUTES];
    private final long[] failed = new long[KEPT_MINUTES];

    public CallHistory(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
        Arrays.fill(minuteOf, -1);
    }

    public synchronized void called() {
        calls[slot()]++;
    }

    public synchronized void throttled() {
        throttled[slot()]++;
    }

    public synchronized void failed() {
        failed[slot()]++;
    }

    /** The last {@code minutes} minutes (at most {@link #KEPT_MINUTES}), oldest first, the current one last. */
    public synchronized List<Minute> last(int minutes) {
        long now = epochMillis.getAsLong() / 60_000;
        List<Minute> shown = new ArrayList<>(minutes);
        for (long minute = now - Math.min(minutes, KEPT_MINUTES) + 1; minute <= now; minute++) {
            int slot = (int) Math.floorMod(minute, (long) KEPT_MINUTES);
            boolean counted = minuteOf[slot] == minute;
            shown.add(new Minute(Instant.ofEpochSecond(minute * 60), counted ? calls[slot] : 0,
                    counted ? throttled[slot] : 0, counted ? failed[slot] : 0));
        }
        return shown;
    }

    /** The current minute's slot, emptied first when it last held a minute that has since left the ring. */
    private int slot() {
        long minute = epochMillis.getAsLong() / 60_000;
        int slot = (int) Math.floorMod(minute, (long) KEPT_MINUTES);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            calls[slot] = 0;
            throttled[slot] = 0;
            failed[slot] = 0;
        }
        return slot;
    }
}
