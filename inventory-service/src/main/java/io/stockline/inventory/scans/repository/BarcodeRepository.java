package io.stockline.inventory.scans.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Which item carries each barcode, for a whole batch at once. */
@ApplicationScoped
public class BarcodeRepository {

    /** Bind parameters per query: PostgreSQL takes at most 65,535, a batch may hold more distinct codes. */
    private static final int CHUNK = 10_000;

    /** SKU per barcode, for those of {@code barcodes} an item carries. */
    public Uni<Map<String, String>> skus(List<String> barcodes) {
        Uni<Map<String, String>> result = Uni.createFrom().item(new HashMap<>());
        for (int from = 0; from < barcodes.size(); from += CHUNK) {
            List<String> chunk = new ArrayList<>(barcodes.subList(from, Math.min(barcodes.size(), from + CHUNK)));
            result = result.chain(found -> Panache.getSession().chain(session -> session.createNativeQuery(
                    "SELECT barcode, sku FROM item_barcode WHERE barcode IN (:barcodes)", Object[].class)
                    .setParameter("barcodes", chunk).getResultList())
                    .map(rows -> {
                        rows.forEach(row -> found.put((String) row[0], (String) row[1]));
                        return found;
                    }));
        }
        return result;
    }
}
