package io.stockline.platform.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * {@code stockline.auth.trusted-services.<service>.*}: other services whose own signing key this service trusts, each
 * for a narrow purpose, beside the identity provider's key ({@code stockline.auth.public-key-location}). A token
 * whose {@code kid} names the service is verified with that service's public key only, and accepted only when it is
 * issued by and about that service, is for this service's audience, lives no longer than {@code max-lifetime}, and
 * claims no role beyond {@code roles}. A service named without a key is not trusted.
 */
@ConfigMapping(prefix = "stockline.auth.trusted-services")
public interface TrustedServices {

    @WithParentName
    Map<String, TrustedService> services();

    interface TrustedService {

        /** The service's PEM public key; without it the service is not trusted. */
        Optional<String> publicKeyLocation();

        /** The roles its tokens may claim (none: every token of its that claims a role is refused). */
        Optional<Set<String>> roles();

        /** The longest a token of its may live (from iat to exp). */
        @WithDefault("PT10M")
        Duration maxLifetime();
    }
}
