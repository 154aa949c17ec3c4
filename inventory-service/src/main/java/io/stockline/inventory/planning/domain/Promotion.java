package io.stockline.inventory.planning.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A promotion window of a SKU, at one location or everywhere ({@code location} null); both days included. */
public record Promotion(long id, String sku, String location, LocalDate startsOn, LocalDate endsOn, String note,
        String createdBy, OffsetDateTime createdAt) {
}
