package io.stockline.channel.domain;

import java.util.List;
import java.util.Map;

/**
 * A channel as an admin set it up: where it is, the name of its secret (never the secret), the locations whose
 * stock it sells (all when empty), its rules and per-SKU exceptions.
 */
public record ChannelSettings(String id, ChannelType type, String endpoint, Map<String, String> options,
        String credentialsRef, List<String> locations, ChannelRules rules, Map<String, SkuRule> skuRules,
        boolean enabled) {

    public ChannelSettings {
        options = Map.copyOf(options);
        locations = List.copyOf(locations);
        skuRules = Map.copyOf(skuRules);
    }

    public boolean sellsFrom(String location) {
        return locations.isEmpty() || locations.contains(location);
    }
}
