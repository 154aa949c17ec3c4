package io.stockline.inventory.scans.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

import io.stockline.inventory.scans.domain.ScanPurpose;

/**
 * What a batch comes to: {@code lines} in the shape receipts, picks and counts take ({@code sku}, {@code quantity}),
 * and the codes no item carries, so nothing read is silently dropped.
 */
public record ScanResult(ScanPurpose purpose, String location, int reads, int duplicates, long counted,
        List<Line> lines, List<UnknownCode> unknown) {

    @Schema(name = "ScanLine")
    public record Line(String sku, long quantity) {
    }

    @Schema(name = "ScanUnknownCode")
    public record UnknownCode(String code, long quantity) {
    }
}
