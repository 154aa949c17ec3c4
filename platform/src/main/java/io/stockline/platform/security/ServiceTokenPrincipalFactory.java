package io.stockline.platform.security;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies bearer tokens: those of a trusted service ({@link TrustedServices}, picked by the token's {@code kid}) with
 * that service's key and its narrow terms; every other token as smallrye-jwt does, with the identity provider's key.
 * A service's key therefore never passes for the identity provider's: a token it signs without its {@code kid}, or
 * claiming another subject or a role it was not given, is refused (401).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class ServiceTokenPrincipalFactory extends DefaultJWTCallerPrincipalFactory {

    private record Trusted(PublicKey key, Set<String> roles, long maxLifetimeSeconds) {
    }

    private final Map<String, Trusted> trusted = new HashMap<>();

    public ServiceTokenPrincipalFactory(TrustedServices services) {
        services.services().forEach((name, service) -> service.publicKeyLocation().filter(location -> !location.isBlank())
                .ifPresent(location -> trusted.put(name, new Trusted(PemKeys.publicKey("stockline.auth.trusted-services." + name + ".public-key-location", location), Set.copyOf(service.roles().orElse(Set.of())),
                        service.maxLifetime().toSeconds()))));
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
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
