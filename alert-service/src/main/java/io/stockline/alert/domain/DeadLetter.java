package io.stockline.alert.domain;

/**
 * One record read from a dead-letter topic: the topic, the reason the service that gave it up wrote in its
 * {@code dead-letter-reason} header ("unknown" when absent or unreadable) and its CloudEvent type when it had one.
 */
public record DeadLetter(String topic, String reason, String type) {

    public static final String UNKNOWN_REASON = "unknown";

    /** The alert's detail: how many records so far, the latest reason and type, and where to look at them. */
    public String detail(long records) {
        return "%d record%s so far; latest reason: %s%s; inspect with deploy/local/dlq list %s".formatted(records,
                records == 1 ? "" : "s", reason, type == null ? "" : "; type " + type, topic);
    }
}
