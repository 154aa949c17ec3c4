package io.stockline.inventory.domain;

import io.stockline.platform.problem.RuleViolation;

/** Too little stock for a request: a 409 titled "Insufficient stock" that names the quantity at fault. */
public final class StockShortage {

    public static final String TITLE = "Insufficient stock";

    private StockShortage() {
    }

    public static RuleViolation of(String field, String message) {
        return RuleViolation.conflict(field, message).titled(TITLE);
    }
}
