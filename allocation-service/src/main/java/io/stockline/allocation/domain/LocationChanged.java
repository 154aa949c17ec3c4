package io.stockline.allocation.domain;

import java.util.List;
import java.util.UUID;
import io.stockline.platform.events.EventTypes;

/** The part of inventory's {@code io.stockline.inventory.location-changed.v1} routing reads. */
public record LocationChanged(UUID eventId, String code, Double latitude, Double longitude, Integer priority,
        Boolean fulfilsOrders, List<String> countries, Long revision) {

    public static final String TYPE = EventTypes.LOCATION_CHANGED;

    public FulfilmentLocation toLocation() {
        return new FulfilmentLocation(code, latitude, longitude, priority == null ? 0 : priority,
                fulfilsOrders == null || fulfilsOrders, countries);
    }
}
