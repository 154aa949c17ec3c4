package io.stockline.inventory.imports.service;

import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;

/**
 * One kind of import: the columns it needs, how a row reads (in memory, before any database work), what identifies
 * a row in the file, and how a chunk of good rows is applied with a few set-based statements.
 */
interface RowKind<T> {

    /** How the kind is named in the path and the report. */
    String name();

    Set<String> requiredColumns();

    /** Reads and checks one row, or throws a RuleViolation naming the column. */
    T read(Cells cells);

    /** Rows with equal identities are the same thing listed twice. */
    String identity(T row);

    String identityColumn();

    /**
     * Applies the chunk in the caller's transaction (or, on a dry run, only reads, on the caller's connection) and
     * returns each row's fate in the order given.
     */
    Uni<List<RowFate>> apply(List<Numbered<T>> chunk, Run run);

    /** What every chunk of one import shares. */
    record Run(boolean dryRun, String digest, String actor) {
    }
}
