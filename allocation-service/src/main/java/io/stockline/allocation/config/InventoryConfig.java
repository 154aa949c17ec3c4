package io.stockline.allocation.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code stockline.inventory.*}: how this service proves itself to inventory-service (as an operator). */
@ConfigMapping(prefix = "stockline.inventory")
public interface InventoryConfig {

    /**
     * A PEM private key inventory's token key verifies: this service then signs its own short-lived tokens and
     * needs no long-lived secret token.
     */
    Optional<String> signingKeyLocation();

    /** How long a token this service signs lasts; it is renewed before it runs out. */
    @WithDefault("PT5M")
    Duration tokenLifetime();

    /** A static operator token, used when no signing key is set (inventory refuses it once a day old). */
    Optional<String> token();
}
