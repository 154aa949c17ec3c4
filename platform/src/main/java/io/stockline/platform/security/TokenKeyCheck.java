package io.stockline.platform.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service whose token key is missing or unreadable, rather than failing every request later:
 * in production the key is required; elsewhere a missing key is allowed only if none is named.
 */
@ApplicationScoped
public class TokenKeyCheck {

    private final Optional<String> keyLocation;

    public TokenKeyCheck(@ConfigProperty(name = "stockline.auth.public-key-location") Optional<String> keyLocation) {
        this.keyLocation = keyLocation;
    }

    void onStart(@Observes StartupEvent event) {
        check(keyLocation, LaunchMode.current() == LaunchMode.NORMAL);
        keyLocation.ifPresent(location -> Log.infof("tokens verified with the key at %s", location));
    }

    /** Throws when the key is required and absent, or named and not a readable RSA public key. */
    public static void check(Optional<String> location, boolean required) {
        if (location.isEmpty() || location.get().isBlank()) {
            if (required) {
                throw new IllegalStateException("stockline.auth.public-key-location (STOCKLINE_AUTH_PUBLIC_KEY_LOCATION)"
                        + " must name the PEM public key that signs API tokens");
            }
            return;
        }
        PemKeys.publicKey("stockline.auth.public-key-location", location.get());
    }
}
