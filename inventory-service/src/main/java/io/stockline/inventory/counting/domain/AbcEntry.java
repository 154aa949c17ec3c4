package io.stockline.inventory.counting.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A SKU's class: the one in force ({@code abcClass}: pinned by hand, else computed, else C), the computed one with
 * what it came from, and the pinned one with who set it.
 */
public record AbcEntry(String sku, AbcClass abcClass, AbcClass computedClass, long consumedUnits,
        BigDecimal consumptionValue, OffsetDateTime computedAt, AbcClass manualClass, String setBy,
        OffsetDateTime setAt) {
}
