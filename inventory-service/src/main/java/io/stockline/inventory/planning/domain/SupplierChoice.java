package io.stockline.inventory.planning.domain;

import java.math.BigDecimal;

/**
 * The supplier a SKU is bought from and its terms for it: the nominal lead time, the order minimum, the multiple
 * (the supplier's order multiple and the supplier item's pack size, whichever both divide), the unit cost, and the
 * lead time measured over receipts ({@code receipts} 0 when none arrived yet).
 */
public record SupplierChoice(String supplier, int nominalLeadTimeDays, long minimumQuantity, long multiple,
        BigDecimal unitCost, long receipts, double measuredMeanDays, double measuredStdDevDays) {

    /** The measured lead time wins over the nominal one once a receipt measured it. */
    public boolean measured() {
        return receipts > 0;
    }

    public SupplyTerms terms() {
        return measured()
                ? new SupplyTerms(measuredMeanDays, measuredStdDevDays, minimumQuantity, multiple, unitCost)
                : new SupplyTerms(nominalLeadTimeDays, 0, minimumQuantity, multiple, unitCost);
    }

    /** The least common multiple of the supplier's order multiple and the pack size: a quantity both accept. */
    public static long multiple(long orderMultiple, long packSize) {
        long a = Math.max(orderMultiple, 1);
        long b = Math.max(packSize, 1);
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
