package io.stockline.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeyCheckTest {

    private static final Path DEV_KEY = Path.of("../deploy/local/keys/dev-public.pem");

    @Test
    void productionWithoutAKeyDoesNotStart() {
        assertThatThrownBy(() -> TokenKeyCheck.check(Optional.empty(), true))
                .hasMessageContaining("stockline.auth.public-key-location");
    }

    @Test
    void aNamedKeyMustBeAReadablePublicKey(@TempDir Path dir) throws Exception {
        Path notAKey = Files.writeString(dir.resolve("key.pem"), "not a key");
        assertThatThrownBy(() -> TokenKeyCheck.check(Optional.of(notAKey.toString()), false))
                .hasMessageContaining("not a readable PEM public key");
        assertThatThrownBy(() -> TokenKeyCheck.check(Optional.of(dir.resolve("missing.pem").toString()), true))
                .hasMessageContaining("not a readable PEM public key");
        assertThatCode(() -> TokenKeyCheck.check(Optional.of(DEV_KEY.toString()), true)).doesNotThrowAnyException();
    }

    @Test
    void outsideProductionNoKeyNamedIsAllowed() {
        assertThatCode(() -> TokenKeyCheck.check(Optional.empty(), false)).doesNotThrowAnyException();
    }
}
