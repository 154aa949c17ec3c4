package io.stockline.allocation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import io.stockline.platform.security.ServiceTokenPrincipalFactory;
import io.stockline.platform.security.TrustedServices;
import io.stockline.testsupport.Tokens;

/** The tokens allocation signs for inventory: what they claim, that inventory verifies them, and renewal. */
class InventoryTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aMintedTokenIsForInventoryOnlyAsTheAllocatorAllocationServiceForFiveMinutes() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        InventoryTokens tokens = signing(clock);

        String token = tokens.token();

        JsonNode claims = claims(token);
        assertThat(audiences(claims)).containsExactly("inventory-service");
        assertThat(claims.get("sub").asText()).isEqualTo("allocation-service");
        assertThat(claims.get("iss").asText()).isEqualTo("allocation-service");
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactly("allocator");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(tokens.authorization()).isEqualTo("Bearer " + token);

        // inventory's verification: the identity provider's key and issuer for other tokens, its own audience, and
        // allocation's key trusted for the allocator role alone
        JWTAuthContextInfo inventory = new JWTAuthContextInfo();
        inventory.setPublicKeyContent(Files.readString(Tokens.publicKey()));
        inventory.setIssuedBy("stockline-local");
        inventory.setExpectedAudience(Set.of("inventory-service"));
        ServiceTokenPrincipalFactory factory = new ServiceTokenPrincipalFactory(() -> Map.of("allocation-service",
                new TrustedServices.TrustedService() {
                    @Override
                    public Optional<String> publicKeyLocation() {
                        return Optional.of(Tokens.allocationPublicKey().toString());
                    }

                    @Override
                    public Optional<Set<String>> roles() {
                        return Optional.of(Set.of("allocator"));
                    }

                    @Override
                    public Duration maxLifetime() {
                        return Duration.ofMinutes(10);
                    }
                }));
        assertThat(new DefaultJWTParser(inventory, factory).parse(token).getGroups()).containsExactly("allocator");
        assertThat(new DefaultJWTParser(inventory).parse(Tokens.mint("operator"))).as("the identity provider's tokens")
                .isNotNull();
        assertThatThrownBy(() -> new DefaultJWTParser(inventory).parse(token))
                .as("without the trust, the identity provider's key does not verify it").isInstanceOf(ParseException.class);
    }

    @Test
    void theTokenIsCachedAndRenewedBeforeItExpires() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
        InventoryTokens tokens = signing(clock);
        String first = tokens.token();

        clock.advance(Duration.ofMinutes(3));
        assertThat(tokens.token()).as("still well within its life: the same token").isSameAs(first);

        clock.advance(Duration.ofMinutes(1)); // a fifth of its life left: renewed
        String second = tokens.token();
        assertThat(second).isNotEqualTo(first);
        JsonNode renewed = claims(second);
        assertThat(renewed.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(renewed.get("exp").asLong()).isGreaterThan(claims(first).get("exp").asLong());
        assertThat(renewed.get("exp").asLong() - renewed.get("iat").asLong()).isEqualTo(300);

        // Every token handed out over an hour had at least a minute left.
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(61));
            long expiresAt = claims(tokens.token()).get("exp").asLong();
            assertThat(expiresAt - clock.instant().getEpochSecond()).isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void withoutASigningKeyThereIsNoTokenToSend() {
        InventoryTokens tokens = new InventoryTokens(Optional.empty(), Duration.ofMinutes(5), Clock.systemUTC());
        assertThatThrownBy(tokens::token).hasMessageContaining("stockline.inventory.signing-key-location");
    }

    private static InventoryTokens signing(Clock clock) throws Exception {
        return new InventoryTokens(Optional.of(KeyUtils.decodePrivateKey(Files.readString(Tokens.allocationPrivateKeyFile()))),
                Duration.ofMinutes(5), clock);
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static List<String> audiences(JsonNode claims) {
        List<String> audiences = new ArrayList<>();
        JsonNode aud = claims.get("aud");
        if (aud.isArray()) {
            aud.forEach(value -> audiences.add(value.asText()));
        } else {
            audiences.add(aud.asText());
        }
        return audiences;
    }
}
