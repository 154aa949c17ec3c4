package io.stockline.platform.problem;

/**
 * A request that breaks a rule. {@code field} names the part of the request at fault and {@code in} where it
 * sits (body, path, query or header), so the caller gets RFC 9457 problem JSON that points at it. Nothing has
 * changed when this is thrown. Plain Java, so domain code may throw it.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        /** Malformed in a way its schema cannot say (a missing header, a bad combination): 400. */
        INVALID(400, "Bad Request"),
        /** The caller may not act on this thing (another caller's reservation, say): 403. */
        FORBIDDEN(403, "Forbidden"),
        /** Names something that does not exist: 404. */
        NOT_FOUND(404, "Not Found"),
        /** Clashes with what exists: a duplicate code, too little stock: 409. */
        CONFLICT(409, "Conflict"),
        /** Well-formed but not allowed (an Idempotency-Key reused for a different request, say): 422. */
        UNPROCESSABLE(422, "Unprocessable Content");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    /** Where the field at fault sits in the request. */
    public enum In {
        BODY, PATH, QUERY, HEADER
    }

    private final Kind kind;
    private final In in;
    private final String field;
    private final String title;

    public RuleViolation(Kind kind, In in, String field, String message, String title) {
        super(message);
        this.kind = kind;
        this.in = in;
        this.field = field;
        this.title = title == null ? kind.title() : title;
    }

    public RuleViolation(Kind kind, String field, String message) {
        this(kind, In.BODY, field, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public In in() {
        return in;
    }

    public String field() {
        return field;
    }

    public String title() {
        return title;
    }

    public int status() {
        return kind.status();
    }

    /** The same violation under a more telling title ("Insufficient stock" rather than "Conflict"). */
    public RuleViolation titled(String newTitle) {
        return new RuleViolation(kind, in, field, getMessage(), newTitle);
    }

    /** The same violation, its field found elsewhere than in the body. */
    public RuleViolation in(In where) {
        return new RuleViolation(kind, where, field, getMessage(), title);
    }

    public static RuleViolation invalid(String field, String message) {
        return new RuleViolation(Kind.INVALID, field, message);
    }

    public static RuleViolation forbidden(String field, String message) {
        return new RuleViolation(Kind.FORBIDDEN, field, message);
    }

    public static RuleViolation notFound(String field, String message) {
        return new RuleViolation(Kind.NOT_FOUND, field, message);
    }

    public static RuleViolation conflict(String field, String message) {
        return new RuleViolation(Kind.CONFLICT, field, message);
    }

    public static RuleViolation unprocessable(String field, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, field, message);
    }

    /** A path parameter that names nothing: 404 with {@code in: path}. */
    public static RuleViolation unknownPath(String field, String message) {
        return new RuleViolation(Kind.NOT_FOUND, In.PATH, field, message, null);
    }

    /** A bad query parameter: 400 with {@code in: query}. */
    public static RuleViolation invalidQuery(String field, String message) {
        return new RuleViolation(Kind.INVALID, In.QUERY, field, message, null);
    }

    /** A missing or bad header: 400 with {@code in: header}. */
    public static RuleViolation invalidHeader(String field, String message) {
        return new RuleViolation(Kind.INVALID, In.HEADER, field, message, null);
    }
}
