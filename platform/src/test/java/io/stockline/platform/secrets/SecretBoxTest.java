package io.stockline.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = newKey();
    private static final String OLD_KEY = newKey();

    @Test
    void aSealedValueOpensOnlyWithItsKeyAndContext() {
        SecretBox box = box(KEY);
        String sealed = box.seal("https://hooks.slack.com/services/T0/B0/secret", "subscription.target/1");

        assertThat(sealed).startsWith("v1:").doesNotContain("slack").doesNotContain("secret");
        assertThat(box.seal("https://hooks.slack.com/services/T0/B0/secret", "subscription.target/1"))
                .as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, "subscription.target/1")).isEqualTo("https://hooks.slack.com/services/T0/B0/secret");
        assertThat(box.isSealedWithCurrentKey(sealed)).isTrue();
        assertThatThrownBy(() -> box.open(sealed, "subscription.target/2"))
                .as("copied into another row").hasMessageContaining("does not open for subscription.target/2");
        String altered = sealed.substring(0, sealed.length() - 6) + (sealed.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        assertThatThrownBy(() -> box.open(altered, "subscription.target/1")).hasMessageContaining("altered");
        assertThatThrownBy(() -> box(OLD_KEY).open(sealed, "subscription.target/1"))
                .as("another deployment's key").hasMessageContaining("neither stockline.secrets.key");
    }

    @Test
    void aRotatedKeyStillOpensWhatItSealedUntilItIsSealedAgain() {
        String sealedBefore = box(OLD_KEY).seal("k", "subscription.secret/1");
        SecretBox rotated = new SecretBox(config(Optional.of(KEY), Optional.empty(), List.of(OLD_KEY)));

        assertThat(rotated.open(sealedBefore, "subscription.secret/1")).isEqualTo("k");
        assertThat(rotated.isSealedWithCurrentKey(sealedBefore)).isFalse();
        assertThat(rotated.isSealedWithCurrentKey(rotated.seal("k", "subscription.secret/1"))).isTrue();
    }

    @Test
    void aValueStoredBeforeSealingReadsAsItIsAndIsDueForSealing() {
        SecretBox box = box(KEY);
        assertThat(box.open("plain-secret", "subscription.secret/1")).isEqualTo("plain-secret");
        assertThat(box.isSealedWithCurrentKey("plain-secret")).isFalse();
        assertThat(box.open(null, "subscription.secret/1")).isNull();
        assertThat(box.seal(null, "subscription.secret/1")).isNull();
        assertThat(box.isSealedWithCurrentKey(null)).isTrue();
    }

    @Test
    void withoutAUsableKeyTheBoxRefusesToExist() {
        assertThatThrownBy(() -> new SecretBox(config(Optional.empty(), Optional.empty(), List.of())))
                .hasMessageContaining("STOCKLINE_SECRETS_KEY");
        assertThatThrownBy(() -> box(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> box("not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new SecretBox(config(Optional.empty(), Optional.of("/nonexistent/key"), List.of())))
                .hasMessageContaining("cannot be read");
    }

    private static SecretBox box(String key) {
        return new SecretBox(config(Optional.of(key), Optional.empty(), List.of()));
    }

    private static SecretsConfig config(Optional<String> key, Optional<String> location, List<String> previous) {
        return new SecretsConfig() {
            @Override
            public Optional<String> key() {
                return key;
            }

            @Override
            public Optional<String> keyLocation() {
                return location;
            }

            @Override
            public Optional<List<String>> previousKeys() {
                return Optional.of(previous);
            }
        };
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
