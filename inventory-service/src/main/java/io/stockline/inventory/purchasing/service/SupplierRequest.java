package io.stockline.inventory.purchasing.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.purchasing.repository.Supplier;

/**
 * POST /api/v1/suppliers. An order line must be at least {@code minimumOrderQuantity} and a multiple of
 * {@code orderMultiple} (both 1 when absent); {@code allowOverReceipt} lets receipts exceed what was ordered.
 */
public record SupplierRequest(
        // at most 55: the supplier's dropship location is SUPPLIER-<code>, and a location code is at most 64
        @NotBlank @Size(max = 55) @Pattern(regexp = "[A-Za-z0-9._-]+") String code,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 500) String contact,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull @PositiveOrZero @Max(3650) Integer leadTimeDays,
        @Positive @Max(1_000_000_000L) Long minimumOrderQuantity,
        @Positive @Max(1_000_000_000L) Long orderMultiple,
        Boolean allowOverReceipt) {

    /** The supplier this request makes, as POST /suppliers and the supplier import create it. */
    public Supplier newSupplier() {
        Supplier s = new Supplier();
        s.code = code;
        s.name = name;
        s.contact = contact;
        s.currency = currency;
        s.leadTimeDays = leadTimeDays;
        s.minimumOrderQuantity = minimumOrderQuantity == null ? 1 : minimumOrderQuantity;
        s.orderMultiple = orderMultiple == null ? 1 : orderMultiple;
        s.allowOverReceipt = Boolean.TRUE.equals(allowOverReceipt);
        return s;
    }
}
