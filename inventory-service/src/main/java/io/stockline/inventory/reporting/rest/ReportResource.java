package io.stockline.inventory.reporting.rest;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.exports.service.ExportService;
import io.stockline.inventory.reporting.domain.Reports;
import io.stockline.inventory.reporting.service.ReportService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/**
 * KPIs and reports for viewers, as JSON or as CSV ({@code Accept: text/csv} or {@code format=csv}; the CSV is written
 * by the exports' writer). Periods are UTC days, both ends included.
 */
@Path("/api/v1/reports")
@RolesAllowed(Roles.VIEWER)
@Produces({ MediaType.APPLICATION_JSON, ReportResource.TEXT_CSV })
@Tag(name = "Reports", description = "KPIs (accuracy, stockouts, turnover, days on hand, sell-through), valuation "
        + "(moving average and FIFO), stock aging, dead stock, fast and slow movers, ABC classes; JSON or CSV.")
public class ReportResource {

    static final String TEXT_CSV = "text/csv";

    /** A period defaults to the 30 days up to today; a longer one than this is refused (the report reads every day). */
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 731;

    public record MoversResponse(LocalDate from, LocalDate to, String location, int limit, List<Reports.Mover> fast,
            List<Reports.Mover> slow) {
    }

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/kpis")
    @Operation(operationId = "reportKpis", summary = "Inventory KPIs of a period", description = "Viewer. Over the "
            + "UTC days `from` to `to` (default the 30 days up to today), at `location` or every location: inventory "
            + "accuracy (counting's approved counts), stockout rate (share of SKU-location-days ending with nothing "
            + "available, from the day the SKU first moved there), units sold (SALE, COMMIT) and received (RECEIPT), "
            + "average on hand, cost of goods sold at moving average cost, turnover (COGS / average inventory value), "
            + "days of inventory on hand (average on hand / average daily units sold), sell-through (sold / (received "
            + "+ opening on hand)), valuation now (moving average and FIFO), dead stock (no sale in `deadDays`, "
            + "default 90) and FIFO value by age. Gross margin is not reported: sales carry no price here. "
            + "`format=csv` or `Accept: text/csv`: one CSV row.")
    @APIResponse(responseCode = "200", description = "The KPIs", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reports.Kpis.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad `from`, `to`, `deadDays` or `format`; `from` after `to`, "
            + "`to` after today or a period over " + MAX_DAYS + " days (the field is named)")
    @APIResponse(responseCode = "404", description = "No such location (field location)")
    public Uni<Response> kpis(@Parameter(description = "First day, YYYY-MM-DD") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (default today)") @RestQuery String to,
            @Parameter(description = "Only this location") @RestQuery String location,
            @Parameter(description = "Dead stock: no sale in this many days (1 to 3650, default 90)") @RestQuery String deadDays,
            @Parameter(description = "json (default) or csv") @RestQuery String format, @Context HttpHeaders headers) {
        boolean csv = csv(format, headers);
        LocalDate[] period = period(from, to);
        int dead = QueryParams.whole("deadDays", deadDays, 90, 1, 3650);
        return reports.kpis(period[0], period[1], optional(location), dead)
                .map(k -> answer(csv, k, Reports.Kpis.class, List.of(k)));
    }

    @GET
    @Path("/valuation")
    @Operation(operationId = "reportValuation", summary = "Stock valuation", description = "Viewer. Per SKU with units: "
            + "the units owned (on hand and in transit; with `location`, on hand there) at the moving average cost "
            + "(re-averaged by each receipt: a purchase order receipt at its line's unit cost, any other at the item's) "
            + "and by FIFO (the newest receipts' costs; the oldest units left first). JSON or CSV.")
    @APIResponse(responseCode = "200", description = "One row per SKU", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Reports.Valuation.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad `format` (field format)")
    @APIResponse(responseCode = "404", description = "No such location (field location)")
    public Uni<Response> valuation(@Parameter(description = "Only this location") @RestQuery String location,
            @Parameter(description = "json (default) or csv") @RestQuery String format, @Context HttpHeaders headers) {
        boolean csv = csv(format, headers);
        return reports.valuation(optional(location)).map(rows -> answer(csv, rows, Reports.Valuation.class, rows));
    }

    @GET
    @Path("/aging")
    @Operation(operationId = "reportAging", summary = "Stock aging", description = "Viewer. Per SKU with units: the "
            + "units and FIFO value by the age of the receipt that holds them: 0-30, 31-90, 91-180 and over 180 days. "
            + "With `location`, the location's units take the SKU's newest layers. JSON or CSV.")
    @APIResponse(responseCode = "200", description = "One row per SKU", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Reports.AgingRow.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad `format` (field format)")
    @APIResponse(responseCode = "404", description = "No such location (field location)")
    public Uni<Response> aging(@Parameter(description = "Only this location") @RestQuery String location,
            @Parameter(description = "json (default) or csv") @RestQuery String format, @Context HttpHeaders headers) {
        boolean csv = csv(format, headers);
        return reports.aging(optional(location)).map(rows -> answer(csv, rows, Reports.AgingRow.class, rows));
    }

    @GET
    @Path("/dead-stock")
    @Operation(operationId = "reportDeadStock", summary = "Dead stock", description = "Viewer. SKUs on hand (at "
            + "`location`, else anywhere) with no sale (SALE or COMMIT) there in the last `days` days (default 90), "
            + "with their last sale and their value at moving average cost. JSON or CSV.")
    @APIResponse(responseCode = "200", description = "One row per SKU", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Reports.DeadStock.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad `days` or `format` (the field is named)")
    @APIResponse(responseCode = "404", description = "No such location (field location)")
    public Uni<Response> deadStock(@Parameter(description = "Days without a sale (1 to 3650, default 90)") @RestQuery String days,
            @Parameter(description = "Only this location") @RestQuery String location,
            @Parameter(description = "json (default) or csv") @RestQuery String format, @Context HttpHeaders headers) {
        boolean csv = csv(format, headers);
        int without = QueryParams.whole("days", days, 90, 1, 3650);
        return reports.deadStock(without, optional(location))
                .map(rows -> answer(csv, rows, Reports.DeadStock.class, rows));
    }

    @GET
    @Path("/movers")
    @Operation(operationId = "reportMovers", summary = "Fast and slow movers", description = "Viewer. The `limit` "
            + "(default 10) SKUs that sold the most units (fast) and the fewest (slow, unsold ones included) over the "
            + "period (default the 30 days up to today), at `location` or everywhere. CSV: one row per mover, "
            + "`speed` FAST or SLOW.")
    @APIResponse(responseCode = "200", description = "The movers", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MoversResponse.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad `from`, `to`, `limit` or `format` (the field is named)")
    @APIResponse(responseCode = "404", description = "No such location (field location)")
    public Uni<Response> movers(@Parameter(description = "First day, YYYY-MM-DD") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (default today)") @RestQuery String to,
            @Parameter(description = "Only this location") @RestQuery String location,
            @Parameter(description = "How many of each (1 to 1000, default 10)") @RestQuery String limit,
            @Parameter(description = "json (default) or csv") @RestQuery String format, @Context HttpHeaders headers) {
        boolean csv = csv(format, headers);
        LocalDate[] period = period(from, to);
        int top = QueryParams.whole("limit", limit, 10, 1, 1000);
        String only = optional(location);
        return reports.movers(period[0], period[1], only, top).map(m -> {
            List<Reports.Mover> rows = new ArrayList<>(m.fast());
            rows.addAll(m.slow());
            return answer(csv, new MoversResponse(period[0], period[1], only, top, m.fast(), m.slow()),
                    Reports.Mover.class, rows);
        });
    }

    @GET
    @Path("/abc")
    @Operation(operationId = "reportAbc", summary = "ABC class per SKU", description = "Viewer. Every standard SKU's "
            + "class as cycle counting keeps it (in force, computed from consumption value, pinned), the most consumed "
            + "first, at most `limit` (default 1000). JSON or CSV.")
    @APIResponse(responseCode = "200", description = "One row per SKU", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Reports.Abc.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad `limit` or `format` (the field is named)")
    public Uni<Response> abc(@Parameter(description = "At most this many (1 to 10000, default 1000)") @RestQuery String limit,
            @Parameter(description = "json (default) or csv") @RestQuery String format, @Context HttpHeaders headers) {
        boolean csv = csv(format, headers);
        int most = QueryParams.whole("limit", limit, 1000, 1, 10_000);
        return reports.abc(most).map(rows -> answer(csv, rows, Reports.Abc.class, rows));
    }

    private static <R> Response answer(boolean csv, Object json, Class<R> type, List<R> rows) {
        if (csv) {
            return Response.ok(ExportService.csv(type, rows), TEXT_CSV).build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** CSV when asked by {@code format}, else when the client prefers text/csv to JSON. */
    private static boolean csv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw RuleViolation.invalidQuery("format", "json or csv, not " + format);
            };
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.valueOf(TEXT_CSV))
                && !accepted.get(0).isWildcardType();
    }

    private LocalDate[] period(String from, String to) {
        LocalDate today = reports.today();
        LocalDate last = QueryParams.date("to", to, today);
        if (last.isAfter(today)) {
            throw RuleViolation.invalidQuery("to", "to (" + last + ") is after today (" + today + ")");
        }
        LocalDate first = QueryParams.date("from", from, last.minusDays(DEFAULT_DAYS - 1L));
        if (first.isAfter(last)) {
            throw RuleViolation.invalidQuery("from", "from (" + first + ") is after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw RuleViolation.invalidQuery("from", "a period of at most " + MAX_DAYS + " days");
        }
        return new LocalDate[] { first, last };
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
