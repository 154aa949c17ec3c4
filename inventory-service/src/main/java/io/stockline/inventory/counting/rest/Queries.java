package io.stockline.inventory.counting.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import io.stockline.platform.problem.RuleViolation;

/** Query parameters read by hand, so a bad one is a 400 problem naming it (not a 404 from a failed conversion). */
final class Queries {

    private Queries() {
    }

    static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalidQuery(field, "not a date (yyyy-mm-dd): " + value);
        }
    }

    static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalidQuery(field, "one of " + Arrays.toString(type.getEnumConstants())
                    + ", not " + value);
        }
    }

    static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other limit out of range
        }
        throw RuleViolation.invalidQuery("limit", "a whole number from 1 to " + max + ", not " + value);
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
