package io.stockline.channel.domain;

/**
 * A request that breaks a rule. {@code field} names the part of the request at fault, so the caller gets a
 * problem that points at it; nothing has changed when this is thrown.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT
    }

    /** One part of the request at fault. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final java.util.List<FieldError> errors;

    public RuleViolation(Kind kind, String field, String message) {
        this(kind, java.util.List.of(new FieldError(field, message)));
    }

    public RuleViolation(Kind kind, java.util.List<FieldError> errors) {
        super(errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.kind = kind;
        this.errors = java.util.List.copyOf(errors);
    }

    public java.util.List<FieldError> errors() {
        return errors;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return errors.get(0).field();
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
