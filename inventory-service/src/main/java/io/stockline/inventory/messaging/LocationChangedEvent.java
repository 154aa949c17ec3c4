package io.stockline.inventory.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.stockline.inventory.repository.Location;

/** {@value #TYPE} on {@code inventory.locations}, key = code: a location's facts after a change; revision orders them. */
public record LocationChangedEvent(UUID eventId, String code, String name, String type, Double latitude,
        Double longitude, int priority, boolean fulfilsOrders, List<String> countries, long revision,
        OffsetDateTime occurredAt) {

    public static final String TYPE = "io.stockline.inventory.location-changed.v1";

    public static LocationChangedEvent of(UUID eventId, Location location) {
        return new LocationChangedEvent(eventId, location.code, location.name, location.type.name(), location.latitude,
                location.longitude, location.priority, location.fulfilsOrders, location.countryList(),
                location.revision, OffsetDateTime.now());
    }
}
