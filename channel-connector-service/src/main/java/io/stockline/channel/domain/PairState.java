package io.stockline.channel.domain;

/** Where one (channel, SKU) pair stands, as the channels API shows it. */
public enum PairState {
    /** The marketplace was seen to hold the wanted quantity (applied, or read back after it queued it). */
    SYNCED,
    /** The wanted quantity is still to be sent (or sent again). */
    PENDING,
    /**
     * Still pending: the marketplace queued the wanted quantity (Amazon's 200 ACCEPTED) and a read-back has yet to
     * show it applied. Not SYNCED until then.
     */
    ACCEPTED,
    /** The marketplace refused the wanted quantity for good; nothing is sent until the quantity changes. */
    REJECTED;

    public static PairState of(long wantedVersion, Long pushedVersion, Long acceptedVersion, boolean rejected) {
        if (rejected) {
            return REJECTED;
        }
        if (pushedVersion != null && pushedVersion == wantedVersion) {
            return SYNCED;
        }
        return acceptedVersion != null && acceptedVersion == wantedVersion ? ACCEPTED : PENDING;
    }
}
