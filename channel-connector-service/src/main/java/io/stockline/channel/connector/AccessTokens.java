package io.stockline.channel.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.platform.outbound.CallFailures;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * OAuth 2 access tokens got with a refresh-token grant (Amazon Login with Amazon, eBay), cached until shortly
 * before they expire. Concurrent callers share one refresh. Tokens and secrets are never logged.
 */
@ApplicationScoped
public class AccessTokens {

    /** How long before its announced expiry a token is dropped, so no call goes out with a dying token. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private static final long TOKEN_TIMEOUT_MILLIS = 10_000;

    /**
     * One refresh-token grant: the form to post to {@code tokenEndpoint}, with HTTP Basic client credentials when
     * {@code basicUser} is set (eBay) or the client credentials in the form (Amazon). {@code label} names the
     * channel in logs and errors; the cache key adds a digest of the credentials, so rotated credentials get a new
     * token and no secret is ever shown.
     */
    public record Grant(String label, String tokenEndpoint, Map<String, String> form, String basicUser, String basicPassword) {

        String cacheKey() {
            try {
                java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                digest.update(tokenEndpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                new java.util.TreeMap<>(form).forEach((name, value) -> digest.update((name + "=" + value + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                digest.update(String.valueOf(basicUser).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(String.valueOf(basicPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return label + "#" + java.util.HexFormat.of().formatHex(digest.digest());
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public String toString() {
            return "Grant[" + label + " at " + tokenEndpoint + "]";
        }
    }

    private record Token(String value, Instant expiresAt) {
        boolean usable() {
            return Instant.now().isBefore(expiresAt);
        }
    }

    private final MarketplaceHttp http;
    private final Map<String, Uni<Token>> tokens = new ConcurrentHashMap<>();

    public AccessTokens(MarketplaceHttp http) {
        this.http = http;
    }

    /** A usable access token: the cached one, or a fresh one from the token endpoint. */
    public Uni<String> token(Grant grant) {
        String key = grant.cacheKey();
        java.util.concurrent.atomic.AtomicBoolean fetchedHere = new java.util.concurrent.atomic.AtomicBoolean();
        Uni<Token> shared = tokens.computeIfAbsent(key, absent -> {
            fetchedHere.set(true);
            return refresh(grant).memoize().indefinitely();
        });
        return shared
                .onFailure().invoke(() -> tokens.remove(key, shared))
                .flatMap(token -> {
                    // a token just fetched is used once even if it is announced to expire at once
                    if (token.usable() || fetchedHere.get()) {
                        return Uni.createFrom().item(token.value());
                    }
                    tokens.remove(key, shared);
                    return token(grant);
                });
    }

    /** The marketplace refused {@code token}: drop it (unless another caller already replaced it). */
    public void refused(Grant grant, String token) {
        String key = grant.cacheKey();
        Uni<Token> current = tokens.get(key);
        if (current != null) {
            current.subscribe().with(cached -> {
                if (cached.value().equals(token)) {
                    tokens.remove(key, current);
                }
            }, failure -> tokens.remove(key, current));
        }
    }

    /**
     * Sends a request with a token; when the marketplace refuses the token ({@code refusedStatus}), gets a new one
     * and sends once more. A second refusal is the caller's to judge.
     */
    public Uni<HttpResponse<Buffer>> authorized(Grant grant, java.util.function.IntPredicate refusedStatus,
            java.util.function.Function<String, Uni<HttpResponse<Buffer>>> send) {
        return token(grant).flatMap(token -> send.apply(token).flatMap(response -> {
            if (!refusedStatus.test(response.statusCode())) {
                return Uni.createFrom().item(response);
            }
            Log.debugf("%s refused the access token (HTTP %d), refreshing it", grant.label(), response.statusCode());
            refused(grant, token);
            return token(grant).flatMap(fresh -> send.apply(fresh));
        }));
    }

    private Uni<Token> refresh(Grant grant) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        grant.form().forEach(form::add);
        String what = "token endpoint for " + grant.label();
        return http.request(io.vertx.core.http.HttpMethod.POST, grant.tokenEndpoint()).flatMap(request -> {
                    request.putHeader("Accept", "application/json");
                    if (grant.basicUser() != null) {
                        request.basicAuthentication(grant.basicUser(), grant.basicPassword());
                    }
                    return request.timeout(TOKEN_TIMEOUT_MILLIS).sendForm(form);
                })
                .onFailure().transform(failure -> MarketplaceHttp.transport(what,
                        CallFailures.host(grant.tokenEndpoint()), TOKEN_TIMEOUT_MILLIS, failure))
                .map(response -> {
                    if (response.statusCode() == 400 || response.statusCode() == 401) {
                        // invalid_grant / invalid_client: the stored refresh token or client is no good
                        throw new MarketplaceException.AuthenticationFailure(what + " refused the refresh token (HTTP "
                                + response.statusCode() + ")");
                    }
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    JsonObject body = response.bodyAsJsonObject();
                    String accessToken = body == null ? null : body.getString("access_token");
                    if (accessToken == null) {
                        throw new MarketplaceException.AuthenticationFailure(what + " answered without access_token");
                    }
                    long expiresIn = body.getLong("expires_in", 3600L);
                    Duration lifetime = Duration.ofSeconds(expiresIn);
                    Duration usable = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(EXPIRY_MARGIN)
                            : lifetime.dividedBy(2);
                    Log.debugf("got an access token for %s, usable for %s", grant.label(), usable);
                    return new Token(accessToken, Instant.now().plus(usable));
                });
    }
}
