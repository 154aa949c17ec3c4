package io.stockline.inventory.rest;

import io.stockline.platform.problem.RuleViolation;

public final class Headers {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final int MAX_KEY_LENGTH = 200;

    /** The Idempotency-Key a change needs, so that a retried request never applies twice. */
    public static String requireIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw RuleViolation.invalidHeader(IDEMPOTENCY_KEY, "send an Idempotency-Key header, unique per change");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw RuleViolation.invalidHeader(IDEMPOTENCY_KEY, "at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private Headers() {
    }
}
