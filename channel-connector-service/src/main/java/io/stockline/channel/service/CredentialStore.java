package io.stockline.channel.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Resolves a channel's secret reference to its values from configuration: {@code stockline.credentials.<ref>.<key>}
 * (application.properties, system properties, a mounted file in {@code quarkus.config.locations}), or the environment
 * variable {@code STOCKLINE_CREDENTIALS_<REF>_<KEY>} (a Kubernetes secret as env: {@code ACCESS_TOKEN} gives
 * {@code accessToken}; the ref upper-cased, anything but letters and digits as {@code _}). Values are never stored,
 * logged or returned.
 */
@ApplicationScoped
public class CredentialStore {

    private static final String PREFIX = "stockline.credentials.";
    private static final String ENV_PREFIX = "STOCKLINE_CREDENTIALS_";

    private final Config config;

    public CredentialStore(Config config) {
        this.config = config;
    }

    public Map<String, String> resolve(String ref) {
        String prefix = PREFIX + ref + ".";
        String envPrefix = ENV_PREFIX + envName(ref) + "_";
        Map<String, String> fromEnvironment = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> values.put(name.substring(prefix.length()), value));
            } else if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> fromEnvironment.put(camelCase(name.substring(envPrefix.length())), value));
            }
        }
        fromEnvironment.forEach(values::putIfAbsent);
        return values;
    }

    /** Whether configuration holds any value under the reference. */
    public boolean resolves(String ref) {
        return !resolve(ref).isEmpty();
    }

    static String envName(String ref) {
        return ref.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** ACCESS_TOKEN -> accessToken, SECRET -> secret. */
    static String camelCase(String envKey) {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : envKey.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = key.length() > 0;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }
}
