package io.stockline.alert.domain;

/**
 * What an alert is about. The subject of a stock kind is (SKU, location); of NEAR_EXPIRY a lot; of SYNC_FAILING a
 * channel; of DEAD_LETTERS a dead-letter topic (kept in the alert's channel field).
 */
public enum AlertKind {
    /** Available at or under the reorder point (threshold). */
    LOW_STOCK(Subject.STOCK, true, false),
    /** Nothing available. */
    OUT_OF_STOCK(Subject.STOCK, false, false),
    /** Available rose above 0 after being out: one notice, nothing to resolve. */
    BACK_IN_STOCK(Subject.STOCK, false, true),
    /** Available over the maximum (threshold). */
    OVERSTOCK(Subject.STOCK, true, false),
    /** A lot on hand expires within threshold days (or has expired). */
    NEAR_EXPIRY(Subject.LOT, true, false),
    /** A channel fails, has its circuit open, or lags more than threshold seconds. */
    SYNC_FAILING(Subject.CHANNEL, true, false),
    /** A dead-letter topic received records; resolves after a quiet period without new ones. */
    DEAD_LETTERS(Subject.TOPIC, false, false);

    public enum Subject { STOCK, LOT, CHANNEL, TOPIC }

    /** Whether a rule of this kind is scoped by the channel field (a channel, or a dead-letter topic) rather than SKU and location. */
    public boolean scopedByChannel() {
        return subject == Subject.CHANNEL || subject == Subject.TOPIC;
    }

    private final Subject subject;
    private final boolean needsThreshold;
    private final boolean oneShot;

    AlertKind(Subject subject, boolean needsThreshold, boolean oneShot) {
        this.subject = subject;
        this.needsThreshold = needsThreshold;
        this.oneShot = oneShot;
    }

    public Subject subject() {
        return subject;
    }

    /** Whether the condition is meaningless without a threshold (reorder point, maximum, days, seconds). */
    public boolean needsThreshold() {
        return needsThreshold;
    }

    /** A one-shot kind notifies once and never opens. */
    public boolean oneShot() {
        return oneShot;
    }
}
