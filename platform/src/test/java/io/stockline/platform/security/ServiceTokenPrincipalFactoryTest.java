package io.stockline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** A service's own key is trusted for its narrow terms only, and never passes for the identity provider's. */
class ServiceTokenPrincipalFactoryTest {

    private static KeyPair identityProvider;
    private static KeyPair allocation;
    private static DefaultJWTParser inventory;
    private static ServiceTokenPrincipalFactory factory;
    private static JWTAuthContextInfo inventoryTerms;

    @BeforeAll
    static void keys(@TempDir Path folder) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        identityProvider = generator.generateKeyPair();
        allocation = generator.generateKeyPair();
        Path allocationKey = folder.resolve("allocation.pem");
        Files.writeString(allocationKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(allocation.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        JWTAuthContextInfo info = new JWTAuthContextInfo(identityProvider.getPublic(), "stockline-idp");
        info.setExpectedAudience(Set.of("inventory-service"));
        inventoryTerms = info;
        factory = new ServiceTokenPrincipalFactory(() -> Map.of("allocation-service",
                new TrustedServices.TrustedService() {
                    @Override
                    public Optional<String> publicKeyLocation() {
                        return Optional.of(allocationKey.toString());
                    }

                    @Override
                    public Optional<Set<String>> roles() {
                        return Optional.of(Set.of(Roles.ALLOCATOR));
                    }

                    @Override
                    public Duration maxLifetime() {
                        return Duration.ofMinutes(10);
                    }
                }, "channel-connector-service", new TrustedServices.TrustedService() {
                    @Override
                    public Optional<String> publicKeyLocation() {
                        return Optional.empty(); // named without a key: not trusted
                    }

                    @Override
                    public Optional<Set<String>> roles() {
                        return Optional.of(Set.of(Roles.ADMIN));
                    }

                    @Override
                    public Duration maxLifetime() {
                        return Duration.ofMinutes(10);
                    }
                }));
        inventory = new DefaultJWTParser(info, factory);
    }

    @Test
    void aServiceTokenOnItsTermsIsAccepted() throws Exception {
        var principal = inventory.parse(service("allocation-service", Set.of(Roles.ALLOCATOR))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("allocation-service").sign(allocation.getPrivate()));
        assertThat(principal.getSubject()).isEqualTo("allocation-service");
        assertThat(principal.getGroups()).containsExactly(Roles.ALLOCATOR);
    }

    @Test
    void theIdentityProvidersTokensAreVerifiedAsBefore() throws Exception {
        var principal = inventory.parse(Jwt.issuer("stockline-idp").subject("someone").groups(Set.of(Roles.ADMIN))
                .audience("inventory-service").expiresIn(Duration.ofHours(1)).jws().keyId("idp").sign(identityProvider.getPrivate()));
        assertThat(principal.getGroups()).containsExactly(Roles.ADMIN);
    }

    @Test
    void aServiceTokenBeyondItsTermsIsRefused() {
        assertThatThrownBy(() -> inventory.parse(service("allocation-service", Set.of(Roles.ALLOCATOR, Roles.ADMIN))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("allocation-service").sign(allocation.getPrivate())))
                .as("a role it was not given").isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> inventory.parse(service("someone-else", Set.of(Roles.ALLOCATOR))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("allocation-service").sign(allocation.getPrivate())))
                .as("about another subject").isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> inventory.parse(service("allocation-service", Set.of(Roles.ALLOCATOR))
                .expiresIn(Duration.ofHours(2)).jws().keyId("allocation-service").sign(allocation.getPrivate())))
                .as("living longer than its maximum").isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> inventory.parse(service("allocation-service", Set.of(Roles.ALLOCATOR))
                .audience("alert-service").expiresIn(Duration.ofMinutes(5)).jws().keyId("allocation-service")
                .sign(allocation.getPrivate())))
                .as("for another audience").isInstanceOf(ParseException.class);
    }

    @Test
    void aServiceKeyNeverPassesForTheIdentityProvidersNorTheOtherWayRound() {
        assertThatThrownBy(() -> inventory.parse(Jwt.issuer("stockline-idp").subject("allocation-service")
                .groups(Set.of(Roles.ADMIN)).audience("inventory-service").expiresIn(Duration.ofMinutes(5))
                .jws().keyId("idp").sign(allocation.getPrivate())))
                .as("the service's key without its key id").isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> inventory.parse(service("allocation-service", Set.of(Roles.ALLOCATOR))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("allocation-service").sign(identityProvider.getPrivate())))
                .as("another key under the service's key id").isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> inventory.parse(service("channel-connector-service", Set.of(Roles.ADMIN))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("channel-connector-service").sign(allocation.getPrivate())))
                .as("a service named without a key").isInstanceOf(ParseException.class);
    }

    @Test
    void aTokenVerifiedOnceIsKnownByItsExactTextOnly() throws Exception {
        String token = operatorToken(Duration.ofHours(1));
        var first = inventory.parse(token);
        assertThat(inventory.parse(token)).as("the same token again: not verified again").isSameAs(first);

        // the same header and claims under another signature are verified, and refused
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[256]);
        assertThatThrownBy(() -> inventory.parse(forged)).isInstanceOf(ParseException.class);

        // under other terms (another audience expected) the token known under the first terms is verified anew
        JWTAuthContextInfo alertTerms = new JWTAuthContextInfo(inventoryTerms);
        alertTerms.setExpectedAudience(Set.of("alert-service"));
        assertThatThrownBy(() -> new DefaultJWTParser(alertTerms, factory).parse(token))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void aKnownTokenIsVerifiedAgainOnceItHasExpired() throws Exception {
        String token = operatorToken(Duration.ofSeconds(1));
        var first = inventory.parse(token);
        Instant expires = Instant.ofEpochSecond(first.getExpirationTime());
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expires));
        // still inside the verifier's clock skew, so accepted: but verified again, not answered from memory
        assertThat(inventory.parse(token)).isNotSameAs(first);
    }

    /** The identity provider's token for an operator, for inventory-service, living {@code life}. */
    private static String operatorToken(Duration life) {
        return Jwt.issuer("stockline-idp").subject("someone").groups(Set.of(Roles.OPERATOR))
                .audience("inventory-service").expiresIn(life).jws().keyId("idp").sign(identityProvider.getPrivate());
    }

    private static JwtClaimsBuilder service(String subject, Set<String> roles) {
        return Jwt.issuer("allocation-service").subject(subject).upn(subject).groups(roles).audience("inventory-service");
    }
}
