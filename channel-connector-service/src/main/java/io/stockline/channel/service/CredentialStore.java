package io.stockline.channel.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Resolves a channel's secret reference to its values from configuration: {@code stockline.credentials.<ref>.<key>}
 * (application.properties, a mounted Kubernetes secret through {@code quarkus.config.locations}, or an environment
 * variable the properties point to). Values are never stored, logged or returned; only the keys are shown.
 */
@ApplicationScoped
public class CredentialStore {

    private static final String PREFIX = "stockline.credentials.";

    private final Config config;

    public CredentialStore(Config config) {
        this.config = config;
    }

    public Map<String, String> resolve(String ref) {
        String prefix = PREFIX + ref + ".";
        Map<String, String> values = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> values.put(name.substring(prefix.length()), value));
            }
        }
        return values;
    }

    /** Whether configuration holds any value under the reference. */
    public boolean resolves(String ref) {
        return !resolve(ref).isEmpty();
    }
}
