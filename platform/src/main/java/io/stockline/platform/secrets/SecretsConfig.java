package io.stockline.platform.secrets;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * {@code stockline.secrets.*}: the key that seals what a service keeps of its users' secrets (webhook signing secrets,
 * chat URLs). 32 random bytes in base64 ({@code openssl rand -base64 32}), given inline ({@code STOCKLINE_SECRETS_KEY})
 * or as a file ({@code STOCKLINE_SECRETS_KEY_LOCATION}, a mounted Kubernetes Secret). Keys that sealed values before a
 * rotation stay readable through {@code previous-keys}; values are sealed again with the current key at start-up.
 */
@ConfigMapping(prefix = "stockline.secrets")
public interface SecretsConfig {

    Optional<String> key();

    Optional<String> keyLocation();

    Optional<List<String>> previousKeys();
}
