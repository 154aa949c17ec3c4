package io.stockline.alert.domain;

/** A request that breaks a rule; field names the part at fault. Nothing has changed when this is thrown. */
public class RuleViolation extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

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
}
