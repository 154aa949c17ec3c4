package io.stockline.inventory.imports.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import did (or, on a dry run, would do): rows read, rows applied, rows that were already so, and one
 * problem per rejected cell. {@code row} is the line in the file (the header is line 1).
 */
public record ImportReport(String kind, boolean dryRun, int rows, int applied, int unchanged, int rejected,
        List<Problem> problems) {

    /** Named apart from the platform's RFC 9457 {@code Problem} schema, which would otherwise take its place. */
    @Schema(name = "ImportProblem", description = "One rejected cell: its row (the header is row 1), column and what is wrong.")
    public record Problem(int row, String column, String message) {
    }
}
