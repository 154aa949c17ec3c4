package io.stockline.channel.connector;

import java.net.URI;
import java.util.Map;

import io.stockline.channel.domain.ChannelType;

/**
 * What a connector needs to reach one channel: its API's base address, the credentials already resolved from
 * the channel's secret reference, and the marketplace's own settings (Shopify location id, Amazon seller id and
 * marketplace ids, ...). {@link #toString()} never shows the credentials.
 */
public record ChannelAccess(String channelId, ChannelType type, URI endpoint, Map<String, String> credentials,
        Map<String, String> options) {

    public ChannelAccess {
        credentials = Map.copyOf(credentials);
        options = Map.copyOf(options);
    }

    public String credential(String name) {
        String value = credentials.get(name);
        if (value == null) {
            throw new MarketplaceException.PermanentFailure(
                    "channel " + channelId + " has no credential '" + name + "' in its secret reference");
        }
        return value;
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** A numeric option, or {@code fallback} when the channel does not set it; a non-number is refused naming the option. */
    public double numberOption(String name, double fallback) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException notNumber) {
            throw new MarketplaceException.PermanentFailure(
                    "channel " + channelId + " option '" + name + "' is not a number: " + value);
        }
    }

    @Override
    public String toString() {
        return "ChannelAccess[channelId=" + channelId + ", type=" + type + ", endpoint=" + endpoint
                + ", credentials=" + credentials.keySet() + ", options=" + options + "]";
    }
}
