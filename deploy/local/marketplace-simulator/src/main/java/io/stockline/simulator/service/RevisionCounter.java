package io.stockline.simulator.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Revisions per listing per calendar day, as eBay counts them: "Each listing can be revised up to 250 times in one
 * calendar day" (bulkUpdatePriceQuantity). eBay's day is its head office's, Pacific time (America/Los_Angeles).
 */
final class RevisionCounter {

    static final ZoneId EBAY_DAY = ZoneId.of("America/Los_Angeles");

    private record Day(LocalDate day, int revisions) {
    }

    private final int cap;
    private final Clock clock;
    private final Map<String, Day> days = new HashMap<>();

    RevisionCounter(int cap) {
        this(cap, Clock.system(EBAY_DAY));
    }

    RevisionCounter(int cap, Clock clock) {
        this.cap = cap;
        this.clock = clock;
    }

    int cap() {
        return cap;
    }

    /** Counts a revision of the listing unless it already has {@link #cap()} today; false when refused. */
    synchronized boolean allow(String listing) {
        LocalDate today = LocalDate.now(clock.withZone(EBAY_DAY));
        Day held = days.get(listing);
        int sofar = held == null || !held.day().equals(today) ? 0 : held.revisions();
        if (sofar >= cap) {
            return false;
        }
        days.put(listing, new Day(today, sofar + 1));
        return true;
    }

    synchronized int today(String listing) {
        Day held = days.get(listing);
        return held == null || !held.day().equals(LocalDate.now(clock.withZone(EBAY_DAY))) ? 0 : held.revisions();
    }

    synchronized void reset() {
        days.clear();
    }
}
