package io.stockline.simulator.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.domain.Marketplace;

/** The OAuth access tokens the simulated Amazon (LWA) and eBay identity endpoints issued, until they expire. */
@ApplicationScoped
public class AccessTokens {

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    private record Issued(Marketplace marketplace, Instant expiresAt) {
    }

    public String issue(Marketplace marketplace, String prefix, Duration lifetime) {
        String token = prefix + UUID.randomUUID();
        issued.put(token, new Issued(marketplace, clock.instant().plus(lifetime)));
        return token;
    }

    public boolean valid(Marketplace marketplace, String token) {
        Issued held = token == null ? null : issued.get(token);
        return held != null && held.marketplace() == marketplace && clock.instant().isBefore(held.expiresAt());
    }

    /** Forgets every token, as if all had expired: the next call must fetch a new one. */
    public void revokeAll() {
        issued.clear();
    }
}
