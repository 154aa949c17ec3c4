package io.stockline.inventory.availability.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code stockline.availability.*}. */
@ConfigMapping(prefix = "stockline.availability")
public interface AvailabilityConfig {

    /** Days a transfer takes on a route where none has been received yet. */
    @WithDefault("2")
    int transferDays();
}
