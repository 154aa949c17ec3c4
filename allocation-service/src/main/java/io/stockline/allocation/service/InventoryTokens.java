package io.stockline.allocation.service;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.stockline.allocation.config.InventoryConfig;
import io.stockline.platform.security.PemKeys;
import io.stockline.platform.security.Roles;

/**
 * The bearer token allocation sends to inventory, signed with this service's own key: RS256, key id and issuer
 * {@code allocation-service}, for inventory's audience only, with the one narrow role {@code allocator}, valid a few
 * minutes and renewed when a fifth of its life is left, so a leaked token is soon worthless and no request carries
 * one about to expire. Inventory trusts the key for that role alone; there is no long-lived token.
 */
@ApplicationScoped
public class InventoryTokens {

    public static final String AUDIENCE = "inventory-service";
    public static final String SUBJECT = "allocation-service";

    private record Minted(String token, Instant renewAt) {
    }

    private final Optional<PrivateKey> key;
    private final Duration lifetime;
    private final Clock clock;
    private Minted current;

    @Inject
    public InventoryTokens(InventoryConfig config) {
        this(config.signingKeyLocation().filter(location -> !location.isBlank()).map(location -> PemKeys.privateKey("stockline.inventory.signing-key-location", location)),
                config.tokenLifetime(), Clock.systemUTC());
    }

    public InventoryTokens(Optional<PrivateKey> key, Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("stockline.inventory.token-lifetime must be positive");
        }
        this.key = key;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Reads the key at start-up rather than at the first order, and refuses to start without it. */
    void onStart(@Observes StartupEvent event) {
        if (key.isPresent()) {
            Log.infof("inventory is called with tokens this service signs (valid %s each)", lifetime);
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("set stockline.inventory.signing-key-location "
                    + "(STOCKLINE_INVENTORY_SIGNING_KEY_LOCATION): the key this service signs its inventory tokens with");
        }
    }

    /** The Authorization header value. */
    public String authorization() {
        return "Bearer " + token();
    }

    public synchronized String token() {
        PrivateKey signingKey = key.orElseThrow(() -> new IllegalStateException(
                "no key to sign inventory tokens with: stockline.inventory.signing-key-location"));
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.renewAt())) {
            current = mint(now, signingKey);
        }
        return current.token();
    }

    private Minted mint(Instant now, PrivateKey signingKey) {
        Instant expiresAt = now.plus(lifetime);
        String token = Jwt.issuer(SUBJECT).audience(AUDIENCE).subject(SUBJECT).upn(SUBJECT)
                .groups(Set.of(Roles.ALLOCATOR)).issuedAt(now).expiresAt(expiresAt)
                .jws().keyId(SUBJECT).sign(signingKey);
        return new Minted(token, expiresAt.minus(lifetime.dividedBy(5)));
    }
}
