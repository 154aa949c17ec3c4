package io.stockline.alert.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Whether each condition holds; a disabled rule, or one without the threshold it needs, never holds. */
public final class Conditions {

    private Conditions() {
    }

    private static boolean active(Rule rule) {
        return rule != null && rule.enabled() && (!rule.kind().needsThreshold() || rule.threshold() != null);
    }

    public static boolean lowStock(Rule rule, long available) {
        return active(rule) && available <= rule.threshold();
    }

    public static boolean outOfStock(Rule rule, long available) {
        return active(rule) && available <= 0;
    }

    /** Out before (a previous figure that was 0 or less) and above 0 now; the first figure ever seen is not a return. */
    public static boolean backInStock(Rule rule, Long previousAvailable, long available) {
        return active(rule) && previousAvailable != null && previousAvailable <= 0 && available > 0;
    }

    public static boolean overstock(Rule rule, long available) {
        return active(rule) && available > rule.threshold();
    }

    /**
     * A lot with units on hand whose expiry date is at most threshold days away, counted in whole days from
     * today: with 30 days, a lot expiring today + 30 is near, today + 31 is not, and an expired lot still is
     * (it needs someone's attention more). A lot without a date never expires.
     */
    public static boolean nearExpiry(Rule rule, LocalDate expiresOn, long quantity, LocalDate today) {
        // counted rather than added to today, which no threshold can overflow
        return active(rule) && expiresOn != null && quantity > 0
                && ChronoUnit.DAYS.between(today, expiresOn) <= rule.threshold();
    }

    /**
     * A channel failing or with its circuit open, or lagging (any state) more than threshold seconds. A disabled
     * channel was switched off on purpose and does not alert.
     */
    public static boolean syncFailing(Rule rule, SyncStatus status) {
        if (!active(rule) || status.state() == SyncStatus.State.DISABLED) {
            return false;
        }
        return status.state() == SyncStatus.State.FAILING || status.state() == SyncStatus.State.CIRCUIT_OPEN
                || status.lagSeconds() > rule.threshold();
    }
}
