package io.stockline.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code stockline.events.*}: what a consumer of inventory's events still believes. */
@ConfigMapping(prefix = "stockline.events")
public interface EventLimits {

    /**
     * How far past the version a consumer stored for a (SKU, location) an event's version may be. Versions go up by
     * one a movement, so a leap of millions is forged or broken; applied, it would make every real change after it
     * look stale.
     */
    @WithDefault("1000000")
    long maxVersionJump();
}
