package io.stockline.inventory.domain;

/**
 * A request that breaks a rule of the domain. {@code field} names the part of the request at fault, so
 * the caller gets a problem that points at it; nothing has changed when this is thrown.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        /** The request is malformed in a way its schema cannot say (a missing header, say). */
        INVALID,
        /** The request names something that does not exist. */
        NOT_FOUND,
        /** It clashes with what exists: a duplicate code, an idempotency key reused for another request. */
        CONFLICT,
        /** It would take stock below what is there. */
        INSUFFICIENT_STOCK,
        /** It is well-formed but not allowed. */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String field;

    public RuleViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public static RuleViolation invalid(String field, String message) {
        return new RuleViolation(Kind.INVALID, field, message);
    }

    public static RuleViolation notFound(String field, String message) {
        return new RuleViolation(Kind.NOT_FOUND, field, message);
    }

    public static RuleViolation conflict(String field, String message) {
        return new RuleViolation(Kind.CONFLICT, field, message);
    }

    public static RuleViolation insufficientStock(String field, String message) {
        return new RuleViolation(Kind.INSUFFICIENT_STOCK, field, message);
    }

    public static RuleViolation unprocessable(String field, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, field, message);
    }
}
