package io.stockline.channel.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, List<Name>> namesByRef = new ConcurrentHashMap<>();

    public CredentialStore(Config config) {
        this.config = config;
    }

    /**
     * The reference's values, read from configuration on each call. Which property names belong to a reference is
     * worked out once: it scanned every name configuration holds (the environment's included) on every marketplace
     * call, 4 % of the connector's CPU at 500 changes a second (a flight recording, session 28). Configuration's
     * names do not change while the application runs; its values are still read each time, so nothing of a secret
     * is kept here.
     */
    public Map<String, String> resolve(String ref) {
        Map<String, String> values = new HashMap<>();
        List<Name> names = namesByRef.get(ref);
        if (names == null) {
            names = namesOf(ref);
            if (!names.isEmpty()) { // only configured references are kept: the map stays as small as configuration
                namesByRef.putIfAbsent(ref, names);
            }
        }
        for (Name name : names) {
            config.getOptionalValue(name.property(), String.class).ifPresent(value -> {
                if (name.fromEnvironment()) {
                    values.putIfAbsent(name.key(), value);
                } else {
                    values.put(name.key(), value);
                }
            });
        }
        return values;
    }

    /** A property of a reference, and the key its value has in {@link #resolve(String)}'s answer. */
    private record Name(String property, String key, boolean fromEnvironment) {
    }

    /** The reference's property names, the stockline.credentials ones first (they win over the environment's). */
    private List<Name> namesOf(String ref) {
        String prefix = PREFIX + ref + ".";
        String envPrefix = ENV_PREFIX + envName(ref) + "_";
        List<Name> own = new ArrayList<>();
        List<Name> fromEnvironment = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                own.add(new Name(name, name.substring(prefix.length()), false));
            } else if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                fromEnvironment.add(new Name(name, camelCase(name.substring(envPrefix.length())), true));
            }
        }
        own.addAll(fromEnvironment);
        return List.copyOf(own);
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
