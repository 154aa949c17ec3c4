package io.stockline.inventory.imports.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.sql.Transactions;
import io.vertx.mutiny.core.Vertx;

/**
 * Imports from spreadsheets (CSV with a header row, read by Jackson's CSV module). Every row is read and checked in
 * memory first; the good ones are then applied in chunks of {@code stockline.imports.chunk-size} rows, each chunk one transaction of a
 * few set-based statements (bulk lookups, then bulk writes), so a 100,000-row file costs a few hundred round trips
 * rather than a million. Reading and checking the rows runs on a worker thread, so a large file never blocks the
 * event loop. A bad row never blocks the good ones; a dry run reads the same way and writes nothing.
 * Re-importing a file changes nothing: what exists as the row says is counted unchanged.
 */
@ApplicationScoped
public class ImportService {

    public enum Kind {
        ITEMS, STOCK, LOCATIONS, SUPPLIERS, SUPPLIER_AVAILABILITY
    }


    /** A chunk that lost a deadlock to concurrent work is retried this many times before the import fails. */
    private static final int RETRIES = 3;

    private static final CsvMapper CSV = new CsvMapper();

    private final Map<Kind, RowKind<?>> kinds;
    private final Vertx vertx;
    private final int chunkSize;
    private final Transactions transactions;

    /**
     * {@code chunkSize}: rows per transaction, large enough that round trips stop mattering and small enough that a
     * chunk holds its locks briefly.
     */
    public ImportService(ItemRows items, StockRows stock, LocationRows locations, SupplierRows suppliers,
            SupplierAvailabilityRows supplierAvailability, Vertx vertx, Transactions transactions,
            @ConfigProperty(name = "stockline.imports.chunk-size", defaultValue = "2000") int chunkSize) {
        this.kinds = Map.of(Kind.ITEMS, items, Kind.STOCK, stock, Kind.LOCATIONS, locations, Kind.SUPPLIERS, suppliers,
                Kind.SUPPLIER_AVAILABILITY, supplierAvailability);
        this.vertx = vertx;
        this.chunkSize = chunkSize;
        this.transactions = transactions;
    }

    /** The rows that read well, in file order, and the problems of those that did not. */
    private record Checked<T>(int rows, List<Numbered<T>> good, List<ImportReport.Problem> problems) {
    }

    public Uni<ImportReport> run(Kind kind, String csv, boolean dryRun, String actor) {
        return run(kinds.get(kind), csv, new RowKind.Run(dryRun, digest(csv), actor));
    }

    private <T> Uni<ImportReport> run(RowKind<T> kind, String csv, RowKind.Run run) {
        // The worker answers on this request's context, where the connections of the chunks must open.
        return vertx.executeBlocking(Uni.createFrom().item(() -> check(kind, csv)), false)
                .chain(checked -> apply(kind, checked, run));
    }

    private static <T> Checked<T> check(RowKind<T> kind, String csv) {
        Table table = read(csv, kind);
        List<String> header = table.header();
        List<List<String>> rows = table.rows();
        List<ImportReport.Problem> problems = new ArrayList<>();
        List<Numbered<T>> good = new ArrayList<>(rows.size());
        Map<String, Integer> firstLine = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            int line = i + 2;
            int cells = filledWidth(rows.get(i));
            if (cells > header.size()) {
                // Its cells cannot be matched to the columns (an unquoted comma shifts every later one), so none of
                // them is taken, rather than importing a value under the wrong column.
                problems.add(new ImportReport.Problem(line, null, cells + " cells, but the header has "
                        + header.size() + " columns: quote a value that holds a comma"));
                continue;
            }
            try {
                T row = kind.read(new Cells(byColumn(header, rows.get(i))));
                Integer first = firstLine.putIfAbsent(kind.identity(row), line);
                if (first != null) {
                    problems.add(new ImportReport.Problem(line, kind.identityColumn(),
                            "listed twice: row " + first + " has it already"));
                } else {
                    good.add(new Numbered<>(line, row));
                }
            } catch (RuleViolation v) {
                problems.add(new ImportReport.Problem(line, v.field(), v.getMessage()));
            }
        }
        return new Checked<>(rows.size(), good, problems);
    }

    private <T> Uni<ImportReport> apply(RowKind<T> kind, Checked<T> checked, RowKind.Run run) {
        List<Numbered<T>> good = checked.good();
        List<ImportReport.Problem> problems = new ArrayList<>(checked.problems());
        int rows = checked.rows();
        long started = System.nanoTime();
        int[] counts = new int[2];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < good.size(); from += chunkSize) {
            List<Numbered<T>> chunk = good.subList(from, Math.min(good.size(), from + chunkSize));
            chain = chain.chain(() -> chunk(kind, chunk, run).invoke(fates -> {
                for (int i = 0; i < chunk.size(); i++) {
                    RowFate fate = fates.get(i);
                    switch (fate.status()) {
                        case APPLIED -> counts[0]++;
                        case UNCHANGED -> counts[1]++;
                        case REJECTED -> problems.add(new ImportReport.Problem(chunk.get(i).line(), fate.column(),
                                fate.message()));
                    }
                }
            })).replaceWithVoid();
        }
        return chain.map(ignored -> {
            problems.sort(Comparator.comparingInt(ImportReport.Problem::row));
            Log.infof("import of %d %s (dry run: %s): %d applied, %d unchanged, %d rejected in %d ms", rows,
                    kind.name(), run.dryRun(), counts[0], counts[1], problems.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return new ImportReport(kind.name(), run.dryRun(), rows, counts[0], counts[1], problems.size(),
                    problems);
        });
    }

    /** One chunk, one transaction (a connection only, on a dry run); retried when it lost a deadlock. */
    private <T> Uni<List<RowFate>> chunk(RowKind<T> kind, List<Numbered<T>> chunk, RowKind.Run run) {
        return Uni.createFrom().deferred(() -> run.dryRun() ? transactions.onConnection(() -> kind.apply(chunk, run))
                        : transactions.inTransaction(() -> kind.apply(chunk, run)))
                .onFailure(ImportService::lostARace).retry().atMost(RETRIES);
    }

    /** PostgreSQL's deadlock (40P01) and serialization (40001) failures: the chunk rolled back whole and may run again. */
    private static boolean lostARace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("40P01") || message.contains("40001") || message.contains("deadlock detected")) {
                Log.infof("an import chunk lost a race and runs again: %s", message);
                return true;
            }
        }
        return false;
    }

    /** The header's column names and every data row's cells, in file order. */
    private record Table(List<String> header, List<List<String>> rows) {
    }

    private static Table read(String file, RowKind<?> kind) {
        // Excel's "CSV UTF-8" starts with a byte-order mark, which Jackson drops from bytes but not from a String:
        // the first column would be named "\uFEFFsku"
        String csv = file.startsWith("\uFEFF") ? file.substring(1) : file;
        if (csv.isBlank()) {
            throw RuleViolation.invalid("header", "the file is empty: send a header row, then one row per line");
        }
        // Every line is read as plain cells, the header too: read against the header, Jackson refuses the whole file
        // at the first row with more cells than the header, where only that row is wrong.
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(csv)) {
            List<List<String>> lines = it.readAll();
            List<String> header = columnNames(lines.isEmpty() ? List.of() : lines.get(0));
            for (String column : kind.requiredColumns()) {
                if (!header.contains(column)) {
                    throw RuleViolation.invalid("header", "the header row needs the column " + column);
                }
            }
            return new Table(header, lines.subList(1, lines.size()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuleViolation violation) {
                throw violation;
            }
            Log.debugf(e, "unreadable import");
            throw RuleViolation.invalid("body", "not CSV with a header row: " + e.getMessage());
        }
    }

    /** The header's names as Jackson's header handling read them: trimmed, a trailing comma's empty name dropped. */
    private static List<String> columnNames(List<String> cells) {
        List<String> names = new ArrayList<>(cells.size());
        cells.forEach(cell -> names.add(cell.trim()));
        if (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        if (names.isEmpty() || names.size() == 1 && names.get(0).isEmpty()) {
            throw RuleViolation.invalid("body", "not CSV with a header row: the first line is empty");
        }
        return names;
    }

    /** The cells up to the last one that holds something: spreadsheets pad rows with empty cells ("a,b,c,"). */
    private static int filledWidth(List<String> cells) {
        int width = cells.size();
        while (width > 0 && cells.get(width - 1).isBlank()) {
            width--;
        }
        return width;
    }

    /** The row's cells by column name, as Jackson reads a row against the header (a repeated name: the last cell). */
    private static Map<String, String> byColumn(List<String> header, List<String> cells) {
        Map<String, String> row = new HashMap<>(header.size() * 2);
        for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
            row.put(header.get(i), cells.get(i));
        }
        return row;
    }

    private static String digest(String csv) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
