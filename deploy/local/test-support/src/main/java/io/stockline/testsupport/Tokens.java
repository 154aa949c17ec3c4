package io.stockline.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Signed tokens for tests, with deploy/local's development key, as {@code deploy/local/token} prints them. */
public final class Tokens {

    public static final String ISSUER = "stockline-local";

    private static PrivateKey key;

    private Tokens() {
    }

    /** A token for {@code role} (viewer, operator or admin), valid for an hour. */
    public static String mint(String role) {
        return mint(role, "test-" + role);
    }

    public static String mint(String role, String subject) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1)).jws().keyId("stockline-dev").sign(privateKey());
    }

    /** The header value to send. */
    public static String bearer(String role) {
        return "Bearer " + mint(role);
    }

    public static Path publicKey() {
        return Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-public.pem");
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(
                        Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-private.pem")));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the development signing key", e);
            }
        }
        return key;
    }
}
