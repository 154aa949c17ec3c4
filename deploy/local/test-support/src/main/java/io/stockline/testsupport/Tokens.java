package io.stockline.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/** Signed tokens for tests, with deploy/local's development key, as {@code deploy/local/token} prints them. */
public final class Tokens {

    public static final String ISSUER = "stockline-local";
    /** Every service checks that a token names it (its application name) among the token's audiences. */
    public static final Set<String> SERVICES = Set.of("inventory-service", "channel-connector-service",
            "allocation-service", "alert-service", "console");

    private static PrivateKey key;
    private static PrivateKey otherKey;

    private Tokens() {
    }

    /** A token for {@code role} (viewer, operator or admin), for every service, valid for an hour. */
    public static String mint(String role) {
        return mint(role, "test-" + role);
    }

    public static String mint(String role, String subject) {
        return claims(role, subject, SERVICES).expiresIn(Duration.ofHours(1)).jws().keyId("stockline-dev")
                .sign(privateKey());
    }

    /** The header value to send. */
    public static String bearer(String role) {
        return "Bearer " + mint(role);
    }

    /**
     * Tokens every service must refuse with 401, by what is wrong with them: another audience, expired, older than
     * the services' maximum token age (a day) though not expired, and signed with a key nobody trusts.
     */
    public static Map<String, String> refused(String role) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("another audience", claims(role, "test-" + role, Set.of("some-other-service"))
                .expiresIn(Duration.ofHours(1)).jws().keyId("stockline-dev").sign(privateKey()));
        Instant now = Instant.now();
        tokens.put("expired", claims(role, "test-" + role, SERVICES).issuedAt(now.minus(Duration.ofHours(2)))
                .expiresAt(now.minus(Duration.ofMinutes(10))).jws().keyId("stockline-dev").sign(privateKey()));
        tokens.put("past the maximum age", claims(role, "test-" + role, SERVICES)
                .issuedAt(now.minus(Duration.ofDays(2))).expiresAt(now.plus(Duration.ofHours(1)))
                .jws().keyId("stockline-dev").sign(privateKey()));
        tokens.put("signed with another key", claims(role, "test-" + role, SERVICES).expiresIn(Duration.ofHours(1))
                .jws().keyId("stockline-dev").sign(otherKey()));
        return tokens;
    }

    private static JwtClaimsBuilder claims(String role, String subject, Set<String> audiences) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role)).audience(audiences);
    }

    public static Path publicKey() {
        return Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-public.pem");
    }

    /** The development signing key (for services that mint their own short-lived tokens in tests). */
    public static Path privateKeyFile() {
        return Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-private.pem");
    }

    /** allocation-service's development signing key: inventory trusts its public half for the allocator role alone. */
    public static Path allocationPrivateKeyFile() {
        return Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-allocation-private.pem");
    }

    public static Path allocationPublicKey() {
        return Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-allocation-public.pem");
    }

    /**
     * A token signed with allocation-service's own key, as it signs them for inventory: key id, issuer and subject
     * allocation-service, audience inventory-service, the given roles, valid {@code lifetime}.
     */
    public static String allocationService(Set<String> roles, Duration lifetime) {
        try {
            return Jwt.issuer("allocation-service").subject("allocation-service").upn("allocation-service")
                    .groups(roles).audience("inventory-service").expiresIn(lifetime).jws().keyId("allocation-service")
                    .sign(KeyUtils.decodePrivateKey(Files.readString(allocationPrivateKeyFile())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read allocation-service's development key", e);
        }
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(privateKeyFile()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the development signing key", e);
            }
        }
        return key;
    }

    private static synchronized PrivateKey otherKey() {
        if (otherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                otherKey = generator.generateKeyPair().getPrivate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return otherKey;
    }
}
