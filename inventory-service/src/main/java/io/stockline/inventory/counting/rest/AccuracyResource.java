package io.stockline.inventory.counting.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.service.AccuracyService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/** Inventory accuracy per month, by ABC class or by location. */
@Path("/api/v1/counting/accuracy")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Cycle counts", description = "ABC classes, count tasks counted blind and reconciled with the ledger, inventory accuracy.")
public class AccuracyResource {

    /**
     * One month of one group: SKU-locations counted (approved counts), how many agreed with the system within the
     * tolerance, that share in percent, and the absolute discrepancy in units and in value (at the unit cost).
     */
    public record PeriodResponse(String month, String group, int counted, int accurate, BigDecimal accuracyPercent,
            long unitsDiscrepancy, BigDecimal valueDiscrepancy) {
    }

    public record ToleranceResponse(long units, int percent) {
    }

    public record AccuracyResponse(String by, LocalDate from, LocalDate to, String location,
            ToleranceResponse tolerance, List<PeriodResponse> periods) {
    }

    private final AccuracyService accuracy;

    public AccuracyResource(AccuracyService accuracy) {
        this.accuracy = accuracy;
    }

    @GET
    @Operation(operationId = "countingAccuracy", summary = "Inventory accuracy per month",
            description = "Of the SKU-locations whose count was approved, per month (UTC) and per class or location:"
                    + " the share that matched the system within `stockline.counting.accuracy.*` (exact by default) and"
                    + " the absolute discrepancy in units and value. Viewers may read it.")
    @APIResponse(responseCode = "200", description = "The months, oldest first")
    @APIResponse(responseCode = "400", description = "A bad `from`, `to` or `by`, or `from` after `to`")
    @APIResponse(responseCode = "404", description = "No such location")
    public Uni<AccuracyResponse> report(
            @Parameter(description = "First day (yyyy-mm-dd, default: the first of the month 11 months before `to`)") @RestQuery String from,
            @Parameter(description = "Last day, included (yyyy-mm-dd, default today)") @RestQuery String to,
            @Parameter(description = "class (default) or location") @RestQuery String by,
            @Parameter(description = "Only this location's counts") @RestQuery String location) {
        LocalDate until = QueryParams.date("to", to, LocalDate.now(ZoneOffset.UTC));
        LocalDate since = QueryParams.date("from", from, until.withDayOfMonth(1).minusMonths(11));
        if (since.isAfter(until)) {
            throw RuleViolation.invalidQuery("from", "from " + since + " is after to " + until);
        }
        AccuracyService.By grouping = QueryParams.oneOf("by", by, AccuracyService.By.class);
        AccuracyService.By effective = grouping == null ? AccuracyService.By.CLASS : grouping;
        return accuracy.report(since, until, effective, QueryParams.text(location)).map(r -> new AccuracyResponse(
                r.by().name().toLowerCase(Locale.ROOT), r.from(), r.to(), r.location(),
                new ToleranceResponse(r.tolerance().units(), r.tolerance().percent()),
                r.periods().stream().map(p -> new PeriodResponse(p.month().toString(), p.group(), p.counted(),
                        p.accurate(), p.accuracyPercent(), p.unitsOff(), p.valueOff())).toList()));
    }
}
