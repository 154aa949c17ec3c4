package io.stockline.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body of a channel as the channel connector's API takes it, for the tests that set channels up on the simulator. */
public final class ChannelSettings {

    private ChannelSettings() {
    }

    /** The channel's settings: its rules (buffer, percentage...) with its type, endpoint, credential and options. */
    public static Map<String, Object> settings(String type, String endpoint, String credentials, Map<String, Object> options,
            Map<String, Object> rules) {
        Map<String, Object> settings = new LinkedHashMap<>(rules);
        settings.put("type", type);
        settings.put("endpoint", endpoint);
        settings.put("credentials", credentials);
        settings.put("options", options);
        return settings;
    }

    /** The maps merged, later keys winning. */
    @SafeVarargs
    public static Map<String, Object> with(Map<String, Object>... parts) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Map<String, Object> part : parts) {
            all.putAll(part);
        }
        return all;
    }
}
