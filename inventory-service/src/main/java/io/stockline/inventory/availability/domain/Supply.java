package io.stockline.inventory.availability.domain;

import java.time.LocalDate;

/**
 * Units on their way to a location (an open purchase order line or a transfer in transit), or a supplier that could
 * send them ({@link Source#SUPPLIER}: quantity 0, a lead time only), as the repository reads them: {@code expectedOn}
 * when the document names a date, else {@code since} (the day it was sent or shipped) plus {@code days}. A
 * {@link Source#REORDER_POLICY} supply is the next order of a reorder policy (reference: its supplier; since: the day
 * the policy orders), made by {@link Availability}, never read.
 */
public record Supply(Source source, String reference, String location, long quantity, LocalDate expectedOn,
        LocalDate since, Double days, Basis basis) {

    public enum Source {
        PURCHASE_ORDER, TRANSFER, SUPPLIER, REORDER_POLICY
    }

    /** Where the date comes from; the first three are measured or promised, the others nominal. */
    public enum Basis {
        EXPECTED_DATE, MEASURED_LEAD_TIME, MEASURED_TRANSIT_TIME, SUPPLIER_LEAD_TIME, DEFAULT_TRANSIT_TIME;

        public boolean measured() {
            return this == EXPECTED_DATE || this == MEASURED_LEAD_TIME || this == MEASURED_TRANSIT_TIME;
        }
    }

    /** The day the units should be there: the named date, else the start plus the days rounded up. */
    public LocalDate date() {
        if (expectedOn != null) {
            return expectedOn;
        }
        return since.plusDays((long) Math.ceil(days == null ? 0 : days));
    }
}
