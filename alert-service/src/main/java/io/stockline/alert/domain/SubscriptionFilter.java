package io.stockline.alert.domain;

import java.util.Set;

/** Which alerts a subscription wants: of these kinds (empty = all), this SKU and this location (null = any). */
public record SubscriptionFilter(Set<AlertKind> kinds, String sku, String location) {

    public boolean matches(Alert alert) {
        return (kinds.isEmpty() || kinds.contains(alert.kind()))
                && (sku == null || sku.equals(alert.sku()))
                && (location == null || location.equals(alert.location()));
    }
}
