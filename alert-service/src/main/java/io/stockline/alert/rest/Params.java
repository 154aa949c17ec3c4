package io.stockline.alert.rest;

import java.util.UUID;

import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;

/**
 * Query and path parameters read by hand, so a bad one is a 400 naming it rather than a 404: what the platform's
 * {@link QueryParams} does not read (ids), and this service's page sizes.
 */
final class Params {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Params() {
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

    /** The page size of the alert and delivery lists, read as text: see {@link QueryParams}. */
    static int limit(String limit) {
        return QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }
}
