package io.stockline.alert.domain;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An alert: OPEN until its condition ends, then RESOLVED; a one-shot kind is a NOTICE from the start. observed
 * is the figure that tripped it (available, days to expiry, seconds of lag), threshold the rule's.
 */
public record Alert(UUID id, AlertKind kind, Status status, String sku, String location, String lot, String channel,
        Long observed, Long threshold, String detail, UUID ruleId, OffsetDateTime openedAt,
        OffsetDateTime resolvedAt, OffsetDateTime acknowledgedAt, String acknowledgedBy) {

    public enum Status { OPEN, RESOLVED, NOTICE }

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t\\u2028\\u2029]+");

    /** The Kafka key: the SKU, or the channel (the topic of DEAD_LETTERS), so one subject's alerts stay in order. */
    public String key() {
        return sku != null ? sku : channel;
    }

    public Alert resolved(OffsetDateTime at) {
        return new Alert(id, kind, Status.RESOLVED, sku, location, lot, channel, observed, threshold, detail, ruleId,
                openedAt, at, acknowledgedAt, acknowledgedBy);
    }

    /** One line for a person: what, where, the figure and the limit. */
    public String describe() {
        String what = switch (kind) {
            case LOW_STOCK -> "Low stock: %s at %s has %d available (reorder point %d)"
                    .formatted(sku, location, observed, threshold);
            case OUT_OF_STOCK -> "Out of stock: %s at %s has %d available".formatted(sku, location, observed);
            case BACK_IN_STOCK -> "Back in stock: %s at %s has %d available".formatted(sku, location, observed);
            case OVERSTOCK -> "Overstock: %s at %s has %d available (maximum %d)"
                    .formatted(sku, location, observed, threshold);
            case NEAR_EXPIRY -> "Near expiry: lot %s of %s at %s (%s)".formatted(lot, sku, location, detail);
            case SYNC_FAILING -> "Sync failing: channel %s (%s)".formatted(channel, detail);
            case DEAD_LETTERS -> "Dead letters: %s (%s)".formatted(channel, detail);
        };
        // the detail may span lines (a dead letter's reason is another service's exception message), and this line
        // becomes a mail subject, a chat message and a digest's line
        String line = LINE_BREAKS.matcher(what).replaceAll(" ");
        return switch (status) {
            case OPEN, NOTICE -> line;
            case RESOLVED -> "Resolved - " + line;
        };
    }
}
