package io.stockline.channel.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.problem.RuleViolations;
import io.stockline.platform.problem.RuleViolations.FieldError;

/**
 * Reads a SKU -> listing mapping from CSV: one {@code sku,listingId} per line, an optional header line of those
 * two names, blank lines ignored. Every bad line is reported (by line number and field), and a file with any
 * bad line is refused whole.
 */
public final class ListingCsv {

    public record Mapping(String sku, String listingId) {
    }

    /** The longest SKU or listing id: wherever a SKU is a key (here, a channel's SKU rules) it fits an index row. */
    public static final int MAX_LENGTH = 200;

    private ListingCsv() {
    }

    public static List<Mapping> parse(String csv) {
        List<Mapping> mappings = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> lineOfSku = new HashMap<>();
        String[] lines = (csv == null ? "" : csv).split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int number = index + 1;
            String line = lines[index].strip();
            if (line.isEmpty() || (mappings.isEmpty() && errors.isEmpty() && line.equalsIgnoreCase("sku,listingId"))) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                errors.add(new FieldError("line " + number,
                        "expected 2 fields sku,listingId but found " + fields.length));
                continue;
            }
            String sku = fields[0].strip();
            String listingId = fields[1].strip();
            boolean valid = true;
            if (sku.isEmpty() || sku.length() > MAX_LENGTH) {
                errors.add(new FieldError("line " + number + ".sku",
                        sku.isEmpty() ? "sku is empty" : "sku is longer than " + MAX_LENGTH + " characters"));
                valid = false;
            }
            if (listingId.isEmpty() || listingId.length() > MAX_LENGTH) {
                errors.add(new FieldError("line " + number + ".listingId", listingId.isEmpty()
                        ? "listingId is empty" : "listingId is longer than " + MAX_LENGTH + " characters"));
                valid = false;
            }
            if (valid && lineOfSku.containsKey(sku)) {
                errors.add(new FieldError("line " + number + ".sku",
                        "sku " + sku + " is mapped already on line " + lineOfSku.get(sku)));
                valid = false;
            }
            if (valid) {
                lineOfSku.put(sku, number);
                mappings.add(new Mapping(sku, listingId));
            }
        }
        if (!errors.isEmpty()) {
            throw RuleViolations.invalid(errors);
        }
        if (mappings.isEmpty()) {
            throw RuleViolation.invalid("body", "no sku,listingId lines");
        }
        return mappings;
    }
}
