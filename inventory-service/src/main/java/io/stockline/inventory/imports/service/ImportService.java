package io.stockline.inventory.imports.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.service.CatalogService;
import io.stockline.inventory.service.ItemRequest;
import io.stockline.inventory.service.MovementRequest;
import io.stockline.inventory.service.MovementService;
import io.stockline.platform.problem.RuleViolation;

/**
 * Imports from spreadsheets (CSV with a header row, read by Jackson's CSV module). Each row is checked on its own
 * and applied through the same use case as the API (catalog, ledger), each in its own transaction, so a bad row
 * never blocks the good ones. Re-importing a file changes nothing: an item that exists as the row says is
 * unchanged, and a stock row is a count whose idempotency key is the file's digest and the row.
 */
@ApplicationScoped
public class ImportService {

    public enum Kind {
        ITEMS, STOCK
    }

    private static final CsvMapper CSV = new CsvMapper();

    private final CatalogService catalog;
    private final MovementService movements;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final StockRepository stock;
    private final Validator validator;

    public ImportService(CatalogService catalog, MovementService movements, ItemRepository items,
            LocationRepository locations, StockRepository stock, Validator validator) {
        this.catalog = catalog;
        this.movements = movements;
        this.items = items;
        this.locations = locations;
        this.stock = stock;
        this.validator = validator;
    }

    /** One row's fate: applied, unchanged, or the problem that rejected it. */
    private record Outcome(boolean applied, ImportReport.Problem problem) {
        static final Outcome APPLIED = new Outcome(true, null);
        static final Outcome UNCHANGED = new Outcome(false, null);
    }

    public Uni<ImportReport> run(Kind kind, String csv, boolean dryRun, String actor) {
        List<Map<String, String>> rows = read(csv, kind);
        String digest = digest(csv);
        List<Outcome> outcomes = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < rows.size(); i++) {
            int line = i + 2;
            Map<String, String> row = rows.get(i);
            // Deferred, so a row refused while it is read (a bad cell) fails the row's Uni and is reported, not thrown.
            chain = chain.chain(() -> Uni.createFrom().deferred(() -> kind == Kind.ITEMS ? item(line, row, dryRun)
                            : stock(line, row, dryRun, digest, actor))
                    .onFailure(RuleViolation.class).recoverWithItem(e -> {
                        RuleViolation v = (RuleViolation) e;
                        return new Outcome(false, new ImportReport.Problem(line, column(v.field()), v.getMessage()));
                    })
                    .invoke(outcomes::add).replaceWithVoid());
        }
        return chain.map(ignored -> {
            List<ImportReport.Problem> problems = outcomes.stream().filter(o -> o.problem() != null)
                    .map(Outcome::problem).toList();
            int applied = (int) outcomes.stream().filter(Outcome::applied).count();
            return new ImportReport(kind.name().toLowerCase(), dryRun, rows.size(), applied,
                    rows.size() - applied - problems.size(), problems.size(), problems);
        });
    }

    private static final Map<Kind, Set<String>> REQUIRED = Map.of(
            Kind.ITEMS, Set.of("sku", "name"), Kind.STOCK, Set.of("sku", "location", "quantity"));

    private static List<Map<String, String>> read(String csv, Kind kind) {
        if (csv.isBlank()) {
            throw RuleViolation.invalid("header", "the file is empty: send a header row, then one row per " + kind.name().toLowerCase());
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(csv)) {
            List<Map<String, String>> rows = it.readAll();
            Set<String> header = columns((CsvSchema) it.getParserSchema());
            for (String column : REQUIRED.get(kind)) {
                if (!header.contains(column)) {
                    throw RuleViolation.invalid("header", "the header row needs the column " + column);
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuleViolation violation) {
                throw violation;
            }
            io.quarkus.logging.Log.debugf(e, "unreadable import");
            throw RuleViolation.invalid("body", "not CSV with a header row: " + e.getMessage());
        }
    }

    private static Set<String> columns(CsvSchema schema) {
        Set<String> names = new java.util.HashSet<>();
        schema.forEach(column -> names.add(column.getName()));
        return names;
    }

    private static String column(String field) {
        return field;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <T> T parse(int line, String column, String value, Function<String, T> parser, String expected) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw RuleViolation.invalid(column, "not " + expected + ": " + value);
        }
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no") || value.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(value);
    }

    private <T> void validate(T request) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            throw RuleViolation.invalid(violation.getPropertyPath().toString(), violation.getMessage());
        }
    }

    // ---- items: sku, name, lotTracked?, backorderAllowed?, unitCost? ----

    private Uni<Outcome> item(int line, Map<String, String> row, boolean dryRun) {
        ItemRequest request = new ItemRequest(blankToNull(row.get("sku")), blankToNull(row.get("name")), null, null,
                parse(line, "lotTracked", blankToNull(row.get("lotTracked")), ImportService::bool, "true or false"),
                parse(line, "backorderAllowed", blankToNull(row.get("backorderAllowed")), ImportService::bool, "true or false"),
                parse(line, "unitCost", blankToNull(row.get("unitCost")), BigDecimal::new, "a number"),
                null, null, null);
        validate(request);
        return Panache.withSession(() -> items.findById(request.sku())).chain(existing -> {
            if (existing != null) {
                boolean same = existing.name.equals(request.name())
                        && existing.lotTracked == Boolean.TRUE.equals(request.lotTracked())
                        && existing.backorderAllowed == Boolean.TRUE.equals(request.backorderAllowed())
                        && (request.unitCost() == null || existing.unitCost != null
                                && existing.unitCost.compareTo(request.unitCost()) == 0);
                if (!same) {
                    throw RuleViolation.conflict("sku", "item " + request.sku() + " exists with other values: change it with PATCH /items/{sku}");
                }
                return Uni.createFrom().item(Outcome.UNCHANGED);
            }
            return dryRun ? Uni.createFrom().item(Outcome.APPLIED)
                    : catalog.createItem(request).replaceWith(Outcome.APPLIED);
        });
    }

    // ---- stock: sku, location, quantity (units counted on hand) ----

    private Uni<Outcome> stock(int line, Map<String, String> row, boolean dryRun, String digest, String actor) {
        String sku = blankToNull(row.get("sku"));
        String location = blankToNull(row.get("location"));
        Long quantity = parse(line, "quantity", blankToNull(row.get("quantity")), Long::valueOf, "a whole number");
        MovementRequest request = new MovementRequest(MovementType.COUNT_CORRECTION, sku, location, quantity, null,
                "stock import", "import " + digest.substring(0, 12), null, null, null, AdjustmentReason.IMPORT);
        validate(request);
        if (quantity < 0) {
            throw RuleViolation.invalid("quantity", "a count cannot be negative");
        }
        return Panache.withSession(() -> items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(() -> locations.findById(location))
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("location", "no location " + location))
                .chain(() -> stock.find(sku, location)))
                .chain(level -> {
                    long onHand = level == null ? 0 : level.state().onHand();
                    if (onHand == quantity) {
                        return Uni.createFrom().item(Outcome.UNCHANGED);
                    }
                    if (dryRun) {
                        return Uni.createFrom().item(Outcome.APPLIED);
                    }
                    return movements.post(request, "import:" + digest + ":" + line, actor)
                            .map(posted -> posted.replayed() ? Outcome.UNCHANGED : Outcome.APPLIED);
                });
    }

    private static String digest(String csv) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
