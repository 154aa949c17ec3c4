package io.stockline.inventory.purchasing.repository;

import java.time.OffsetDateTime;

/** A row of {@code supplier}. Plain data, read and written by {@link SupplierRepository}. */
public class Supplier {
    public String code;
    public String name;
    public String contact;
    public String currency;
    public int leadTimeDays;
    public long minimumOrderQuantity = 1;
    public long orderMultiple = 1;
    public boolean allowOverReceipt;
    /** Set by the database on insert (DEFAULT now()), never written by the code. */
    public OffsetDateTime createdAt;
}
