package io.stockline.inventory.scans.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;

/** Which item carries each barcode, for a whole batch at once. */
@ApplicationScoped
public class BarcodeRepository {

    /** SKU per barcode, for those of {@code barcodes} an item carries; one array parameter, however many codes. */
    public Uni<Map<String, String>> skus(List<String> barcodes) {
        return NativeSql.of("SELECT barcode, sku FROM item_barcode WHERE barcode = ANY(CAST(:barcodes AS text[]))")
                .set("barcodes", barcodes.toArray(String[]::new))
                .rows()
                .map(rows -> {
                    Map<String, String> found = new HashMap<>(rows.size() * 2);
                    rows.forEach(row -> found.put((String) row[0], (String) row[1]));
                    return found;
                });
    }
}
