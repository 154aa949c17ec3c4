package io.stockline.channel.domain;

import java.time.Instant;

/** A channel's calls to its marketplace in the minute starting at {@code minute}: sent, throttled, failed otherwise. */
public record CallMinute(Instant minute, long calls, long throttled, long failed) {

    public static CallMinute none(Instant minute) {
        return new CallMinute(minute, 0, 0, 0);
    }

    public CallMinute plus(CallMinute other) {
        return new CallMinute(minute, calls + other.calls, throttled + other.throttled, failed + other.failed);
    }
}
