package io.stockline.inventory.scans.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.scans.domain.ScanPurpose;

/**
 * POST /api/v1/scans: a handheld's or an RFID gate's batch. {@code duplicateWindowMillis} (default 1000) is how close
 * two reads of one barcode by one reader must be to be one scan.
 */
public record ScanRequest(
        @NotNull ScanPurpose purpose,
        @NotBlank @Size(max = 64) String location,
        @PositiveOrZero @Max(MAX_WINDOW_MILLIS) Long duplicateWindowMillis,
        @NotNull @Size(min = 1, max = MAX_READS) List<@Valid @NotNull Read> reads) {

    /** One read: the code as the device sent it (a GTIN, an SGTIN-96 EPC in hex, or the seller's own label). */
    @Schema(name = "ScanRead")
    public record Read(@NotBlank @Size(max = 64) String code, OffsetDateTime at, @Size(max = 64) String reader) {
    }

    public static final int MAX_READS = 50_000;
    public static final long MAX_WINDOW_MILLIS = 60_000;
    public static final long DEFAULT_WINDOW_MILLIS = 1_000;
}
