package io.stockline.alert.rest;

import java.util.Arrays;
import java.util.UUID;

import io.stockline.platform.problem.RuleViolation;

/** Query and path parameters read by hand, so a bad one is a 400 naming it rather than a 404. */
final class Params {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Params() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalidQuery(name, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalidQuery(name, "a UUID");
        }
    }

    static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.unknownPath("id", "no such id: " + value);
        }
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RuleViolation.invalidQuery("limit", "between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    static String blankIsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
