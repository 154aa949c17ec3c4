package io.stockline.allocation.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.stockline.allocation.config.InventoryConfig;
import io.stockline.platform.security.Roles;

/**
 * The bearer token allocation sends to inventory. With a signing key it signs its own: RS256, for inventory's
 * audience only, as the operator {@code allocation-service}, valid a few minutes and renewed when a fifth of its
 * life is left, so a leaked token is soon worthless and no request carries one about to expire. Without a key it
 * sends the static {@code stockline.inventory.token}.
 */
@ApplicationScoped
public class InventoryTokens {

    public static final String AUDIENCE = "inventory-service";
    public static final String SUBJECT = "allocation-service";

    private record Minted(String token, Instant renewAt) {
    }

    private final Optional<String> staticToken;
    private final Optional<PrivateKey> key;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;
    private Minted current;

    @Inject
    public InventoryTokens(InventoryConfig config, @ConfigProperty(name = "stockline.auth.issuer") String issuer) {
        this(config.token().filter(token -> !token.isBlank()),
                config.signingKeyLocation().filter(location -> !location.isBlank()).map(InventoryTokens::readKey),
                issuer, config.tokenLifetime(), Clock.systemUTC());
    }

    public InventoryTokens(Optional<String> staticToken, Optional<PrivateKey> key, String issuer, Duration lifetime,
            Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("stockline.inventory.token-lifetime must be positive");
        }
        this.staticToken = staticToken;
        this.key = key;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Reads the key at start-up rather than at the first order, and refuses to start without any credential. */
    void onStart(@Observes StartupEvent event) {
        if (key.isPresent()) {
            Log.infof("inventory is called with tokens this service signs (valid %s each)", lifetime);
        } else if (staticToken.isPresent()) {
            Log.info("inventory is called with the static stockline.inventory.token");
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("set stockline.inventory.signing-key-location "
                    + "(STOCKLINE_INVENTORY_SIGNING_KEY_LOCATION) or stockline.inventory.token (STOCKLINE_INVENTORY_TOKEN)");
        }
    }

    /** The Authorization header value. */
    public String authorization() {
        return "Bearer " + token();
    }

    public synchronized String token() {
        if (key.isEmpty()) {
            return staticToken.orElseThrow(() -> new IllegalStateException(
                    "no credential for inventory: stockline.inventory.signing-key-location or stockline.inventory.token"));
        }
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.renewAt())) {
            current = mint(now);
        }
        return current.token();
    }

    private Minted mint(Instant now) {
        Instant expiresAt = now.plus(lifetime);
        String token = Jwt.issuer(issuer).audience(AUDIENCE).subject(SUBJECT).upn(SUBJECT)
                .groups(Set.of(Roles.OPERATOR)).issuedAt(now).expiresAt(expiresAt)
                .jws().sign(key.orElseThrow());
        return new Minted(token, expiresAt.minus(lifetime.dividedBy(5)));
    }

    private static PrivateKey readKey(String location) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(location)));
        } catch (Exception e) {
            throw new IllegalStateException("stockline.inventory.signing-key-location " + location
                    + " is not a readable PEM private key: " + e.getMessage(), e);
        }
    }
}
