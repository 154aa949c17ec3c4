package io.stockline.inventory.scans.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stockline.inventory.domain.Gtin;

/**
 * Turns a batch of raw reads into units per product code. Two kinds of read, two rules:
 * <ul>
 * <li>an RFID tag (SGTIN-96 EPC) is one unit: its serial makes it so, and a gate reads the same tag many times as it
 * passes, so a tag counts once in the batch however often it was read;</li>
 * <li>a barcode names a product, not a unit: five mugs scanned are five reads of one code. A scanner that reads one
 * label twice does so in a burst, so a read of the same code by the same reader within the window after the previous
 * read of it (read, not counted: a label held under the scanner keeps the burst going) is a duplicate. Reads without
 * a time cannot be told apart from another unit and each count.</li>
 * </ul>
 * GTINs are checked (a wrong check digit is a misread and refuses the batch) and grouped by their 14-digit form, so a
 * UPC-A and its EAN-13 are one product.
 */
public final class ScanCollation {

    public record Read(String code, Instant at, String reader) {
    }

    /** A read that cannot be taken; {@code index} is its place in the batch. */
    public static final class BadRead extends RuntimeException {
        private final int index;

        public BadRead(int index, String message) {
            super(message);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    /**
     * @param units      units per product code (a GTIN-14, or a seller's own code as read), in first-read order
     * @param duplicates reads not counted
     */
    public record Collated(Map<String, Long> units, int reads, int duplicates) {

        public long counted() {
            return units.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ScanCollation() {
    }

    public static Collated collate(List<Read> reads, Duration window) {
        Map<String, Long> units = new LinkedHashMap<>();
        Set<String> tagsSeen = new HashSet<>();
        Map<String, List<Integer>> timedBarcodeReads = new HashMap<>();
        String[] productOf = new String[reads.size()];
        int duplicates = 0;
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            String code = read.code().strip();
            if (Sgtin96.isEpc(code)) {
                Sgtin96 tag;
                try {
                    tag = Sgtin96.decode(code);
                } catch (IllegalArgumentException e) {
                    throw new BadRead(i, "EPC " + code + ": " + e.getMessage());
                }
                units.putIfAbsent(tag.gtin14(), 0L);
                if (tagsSeen.add(tag.epc())) {
                    units.merge(tag.gtin14(), 1L, Long::sum);
                } else {
                    duplicates++;
                }
                continue;
            }
            String wrongDigit = Gtin.problem(code);
            if (wrongDigit != null) {
                throw new BadRead(i, wrongDigit);
            }
            String product = Gtin.isGtinShaped(code) ? Gtin.toGtin14(code) : code;
            units.putIfAbsent(product, 0L);
            if (read.at() == null) {
                units.merge(product, 1L, Long::sum);
            } else {
                productOf[i] = product;
                timedBarcodeReads.computeIfAbsent(product + '\u0000' + (read.reader() == null ? "" : read.reader()),
                        key -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> burst : timedBarcodeReads.values()) {
            burst.sort(Comparator.comparing((Integer i) -> reads.get(i).at()).thenComparing(i -> i));
            Instant previous = null;
            for (int i : burst) {
                Instant at = reads.get(i).at();
                if (previous != null && Duration.between(previous, at).compareTo(window) <= 0) {
                    duplicates++;
                } else {
                    units.merge(productOf[i], 1L, Long::sum);
                }
                previous = at;
            }
        }
        return new Collated(units, reads.size(), duplicates);
    }
}
