package io.stockline.platform.problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query parameters read by hand from their text, so a bad one is a 400 problem naming it. Typed JAX-RS parameters
 * ({@code Integer}, {@code Boolean}, {@code LocalDate}) answer a conversion failure with a bare 404, read any word but
 * "true" as false, and take dates the database or date arithmetic cannot hold.
 */
public final class QueryParams {

    /** The dates a query may name: beyond them a day's arithmetic overflows or PostgreSQL refuses the value. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1000, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private QueryParams() {
    }

    /** A day (YYYY-MM-DD) from 1000-01-01 to 9999-12-31; {@code fallback} when absent or blank. */
    public static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalidQuery(field, "not a date (YYYY-MM-DD): " + value);
        }
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            throw RuleViolation.invalidQuery(field, "a date from " + FIRST_DATE + " to " + LAST_DATE + ", not " + value);
        }
        return date;
    }

    /**
     * A yes/no switch: true or false (any case); false when absent or blank. Anything else is refused rather than
     * read as false: a mistyped {@code dryRun=1} must not run the real thing.
     */
    public static boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RuleViolation.invalidQuery(field, "true or false, not " + value);
        };
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent or blank. */
    public static int whole(String field, String value, int fallback, int min, int max) {
        return (int) wholeLong(field, value, fallback, min, max);
    }

    /** A whole number from {@code min} to {@code max} that may pass an int's range (ids, cursors). */
    public static long wholeLong(String field, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other number out of range
        }
        throw RuleViolation.invalidQuery(field, "a whole number from " + min + " to " + max + ", not " + value);
    }

    /** A page size: a whole number from 1 to {@code max}; {@code fallback} when absent or blank. */
    public static int limit(String value, int fallback, int max) {
        return whole("limit", value, fallback, 1, max);
    }

    /** The text without surrounding blanks; null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One of the enum's constants, in any case; null when absent or blank. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
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
}
