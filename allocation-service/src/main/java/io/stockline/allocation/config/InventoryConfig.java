package io.stockline.allocation.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code stockline.inventory.*}: how this service proves itself to inventory-service (role allocator). */
@ConfigMapping(prefix = "stockline.inventory")
public interface InventoryConfig {

    /**
     * The PEM private key this service signs its own short-lived tokens for inventory with; inventory trusts its
     * public half ({@code stockline.auth.trusted-services.allocation-service}) for the allocator role alone.
     */
    Optional<String> signingKeyLocation();

    /** How long a token this service signs lasts; it is renewed before it runs out. */
    @WithDefault("PT5M")
    Duration tokenLifetime();
}
