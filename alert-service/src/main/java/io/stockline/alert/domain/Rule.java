package io.stockline.alert.domain;

import java.time.Duration;
import java.util.UUID;

/**
 * When an alert of one kind opens, for whom: a SKU, a location, both, a channel, or all (scope parts null).
 * threshold is the reorder point (LOW_STOCK), the maximum (OVERSTOCK), days (NEAR_EXPIRY) or seconds of lag
 * (SYNC_FAILING); the cool-down keeps a resolved alert from opening again while the condition flaps. A disabled
 * rule switches its kind off for its scope. id is null for a default from the configuration.
 */
public record Rule(UUID id, AlertKind kind, String sku, String location, String channel, Long threshold,
        Duration cooldown, boolean enabled) {

    /** Whether the rule covers this subject. */
    public boolean covers(String sku, String location, String channel) {
        return (this.sku == null || this.sku.equals(sku))
                && (this.location == null || this.location.equals(location))
                && (this.channel == null || this.channel.equals(channel));
    }

    /** SKU + location (3) > SKU (2) > location (1) > all (0); a channel rule (1) beats the all rule. */
    public int specificity() {
        return (sku != null ? 2 : 0) + (location != null ? 1 : 0) + (channel != null ? 1 : 0);
    }
}
