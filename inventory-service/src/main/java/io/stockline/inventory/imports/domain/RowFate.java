package io.stockline.inventory.imports.domain;

/** What became of one good-looking row when its chunk was applied: applied, already so, or refused. */
public record RowFate(Status status, String column, String message) {

    public enum Status {
        APPLIED, UNCHANGED, REJECTED
    }

    public static final RowFate APPLIED = new RowFate(Status.APPLIED, null, null);
    public static final RowFate UNCHANGED = new RowFate(Status.UNCHANGED, null, null);

    public static RowFate rejected(String column, String message) {
        return new RowFate(Status.REJECTED, column, message);
    }
}
