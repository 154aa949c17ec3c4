package io.stockline.platform.security;

import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies bearer tokens: those of a trusted service ({@link TrustedServices}, picked by the token's {@code kid}) with
 * that service's key and its narrow terms; every other token as smallrye-jwt does, with the identity provider's key.
 * A service's key therefore never passes for the identity provider's: a token it signs without its {@code kid}, or
 * claiming another subject or a role it was not given, is refused (401).
 * <p>
 * A token verified once is known by its exact text until it expires: a caller sends the same token with every request
 * for its whole life, and verifying it again each time (the RSA signature, the claims' JSON) was a fifth of
 * inventory-service's CPU per reservation. The text includes the signature, so only the very token verified matches;
 * an entry never outlives the token's {@code exp} (after it, the token is verified again, as always); a token that
 * fails is never remembered; at most {@link #REMEMBERED} tokens are kept, the least used dropped first.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class ServiceTokenPrincipalFactory extends DefaultJWTCallerPrincipalFactory {

    private record Trusted(PublicKey key, Set<String> roles, long maxLifetimeSeconds) {
    }

    private record Verified(JWTAuthContextInfo terms, JWTCallerPrincipal principal, Instant expires) {
    }

    static final int REMEMBERED = 1_000;

    private final Map<String, Trusted> trusted = new HashMap<>();
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfter(Expiry.<String, Verified>creating(
                    (token, entry) -> java.time.Duration.between(Instant.now(), entry.expires())))
            .build();

    public ServiceTokenPrincipalFactory(TrustedServices services) {
        services.services().forEach((name, service) -> service.publicKeyLocation().filter(location -> !location.isBlank())
                .ifPresent(location -> trusted.put(name, new Trusted(PemKeys.publicKey("stockline.auth.trusted-services." + name + ".public-key-location", location), Set.copyOf(service.roles().orElse(Set.of())),
                        service.maxLifetime().toSeconds()))));
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        Verified known = verified.getIfPresent(token);
        // the same terms (the service's configuration, one instance for its life) and not expired since
        if (known != null && known.terms() == authContextInfo && Instant.now().isBefore(known.expires())) {
            return known.principal();
        }
        JWTCallerPrincipal principal = verify(token, authContextInfo);
        Instant expires = Instant.ofEpochSecond(principal.getExpirationTime());
        if (principal.getExpirationTime() > 0 && Instant.now().isBefore(expires)) {
            verified.put(token, new Verified(authContextInfo, principal, expires));
        }
        return principal;
    }

    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (trusted.isEmpty()) { // trusting no service's key, it has no header to read
            return super.parse(token, authContextInfo);
        }
        String keyId = keyId(token);
        Trusted service = keyId == null ? null : trusted.get(keyId);
        if (service == null) {
            return super.parse(token, authContextInfo);
        }
        JWTAuthContextInfo terms = new JWTAuthContextInfo(authContextInfo);
        terms.setPublicVerificationKey(service.key());
        terms.setPublicKeyLocation(null);
        terms.setPublicKeyContent(null);
        terms.setIssuedBy(keyId);
        terms.setMaxTimeToLiveSecs(service.maxLifetimeSeconds());
        JWTCallerPrincipal principal = super.parse(token, terms);
        if (!keyId.equals(principal.getSubject())) {
            throw new ParseException("a token signed by " + keyId + " must be about " + keyId);
        }
        if (!service.roles().containsAll(principal.getGroups())) {
            throw new ParseException("a token signed by " + keyId + " may claim only " + service.roles());
        }
        return principal;
    }

    private static String keyId(String token) throws ParseException {
        try {
            return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException e) {
            throw new ParseException("not a compact JWT", e);
        }
    }
}
