package io.stockline.inventory.domain;

import java.time.LocalDate;

/** Units of one lot held at a location, and when the lot expires (null: it does not). */
public record LotQuantity(String lot, LocalDate expiresOn, long quantity) {

    /** Where units arrive without a lot (a count or an adjustment up) for a lot-tracked item. */
    public static final String UNASSIGNED = "UNASSIGNED";
}
