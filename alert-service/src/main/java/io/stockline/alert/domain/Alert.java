package io.stockline.alert.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Alert(UUID id, String kind, String sku, String location, long available, long threshold,
        OffsetDateTime raisedAt) {

    public static final String LOW_STOCK = "LOW_STOCK";
}
