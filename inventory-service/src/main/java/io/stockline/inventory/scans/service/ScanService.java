package io.stockline.inventory.scans.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Gtin;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.scans.domain.ScanCollation;
import io.stockline.inventory.scans.repository.BarcodeRepository;
import io.stockline.platform.problem.RuleViolation;

/**
 * Batches of reads from handhelds and RFID gates become lines of SKUs and quantities. It changes no stock: the lines
 * are posted as what they were taken for (a purchase-order receipt, a pick, a count), where the ledger's rules apply.
 */
@ApplicationScoped
public class ScanService {

    private final LocationRepository locations;
    private final BarcodeRepository barcodes;

    public ScanService(LocationRepository locations, BarcodeRepository barcodes) {
        this.locations = locations;
        this.barcodes = barcodes;
    }

    @WithConnection
    public Uni<ScanResult> collate(ScanRequest request) {
        ScanCollation.Collated collated;
        try {
            collated = ScanCollation.collate(request.reads().stream()
                    .map(read -> new ScanCollation.Read(read.code(), read.at() == null ? null : read.at().toInstant(),
                            read.reader()))
                    .toList(),
                    Duration.ofMillis(request.duplicateWindowMillis() == null ? ScanRequest.DEFAULT_WINDOW_MILLIS
                            : request.duplicateWindowMillis()));
        } catch (ScanCollation.BadRead bad) {
            return Uni.createFrom().failure(RuleViolation.invalid("reads[" + bad.index() + "].code", bad.getMessage()));
        }
        // every stored form of each product code (a GTIN-14 may be stored as its UPC-A or EAN-13)
        Map<String, String> productOfForm = new HashMap<>();
        collated.units().keySet().forEach(product -> Gtin.forms(product).forEach(form -> productOfForm.put(form, product)));
        return locations.findById(request.location())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("location", "no location " + request.location()))
                .chain(() -> barcodes.skus(new ArrayList<>(productOfForm.keySet())))
                .map(skuOfBarcode -> {
                    Map<String, String> skuOfProduct = new HashMap<>();
                    skuOfBarcode.forEach((barcode, sku) -> skuOfProduct.put(productOfForm.get(barcode), sku));
                    Map<String, Long> lines = new TreeMap<>();
                    List<ScanResult.UnknownCode> unknown = new ArrayList<>();
                    collated.units().forEach((product, units) -> {
                        String sku = skuOfProduct.get(product);
                        if (sku == null) {
                            unknown.add(new ScanResult.UnknownCode(product, units));
                        } else {
                            lines.merge(sku, units, Long::sum);
                        }
                    });
                    return new ScanResult(request.purpose(), request.location(), collated.reads(), collated.duplicates(),
                            collated.counted(),
                            lines.entrySet().stream().map(e -> new ScanResult.Line(e.getKey(), e.getValue())).toList(),
                            unknown);
                });
    }
}
