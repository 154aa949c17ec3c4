package io.stockline.inventory.exports.rest;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Multi;
import io.stockline.inventory.exports.service.ExportService;
import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/** Viewers export stock, the ledger and purchase orders as CSV (with a header row), streamed page by page. */
@Path("/api/v1/exports")
@RolesAllowed(Roles.VIEWER)
@Produces(ExportResource.TEXT_CSV)
@Tag(name = "Exports", description = "CSV exports of stock (by location or by lot), the ledger and purchase orders.")
public class ExportResource {

    static final String TEXT_CSV = "text/csv";

    /** The ledger export covers this many days up to {@code to} when {@code from} is not given. */
    static final int DEFAULT_DAYS = 30;

    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @Path("/stock")
    @Operation(operationId = "exportStock", summary = "Export stock as CSV", description = "Viewer. by=location "
            + "(default): one row per SKU and location with every quantity; by=lot: on hand per lot of lot-tracked "
            + "items, and one row without a lot for other items.")
    @APIResponse(responseCode = "200", description = "CSV with a header row.",
            content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "by is neither location nor lot (field by).")
    public Multi<String> stock(@Parameter(description = "location (default) or lot") @RestQuery String by) {
        Multi<String> csv = switch (by == null ? "location" : by) {
            case "location" -> exports.stockByLocation();
            case "lot" -> exports.stockByLot();
            default -> throw RuleViolation.invalidQuery("by", "export stock by location or by lot, not " + by);
        };
        return attachment(csv, "stock-by-" + (by == null ? "location" : by) + ".csv");
    }

    @GET
    @Path("/ledger")
    @Operation(operationId = "exportLedger", summary = "Export the ledger as CSV", description = "Viewer. Every "
            + "movement made from the start of day `from` to the end of day `to` (UTC, YYYY-MM-DD, both included), "
            + "oldest first, with the change it made to each state. `to` defaults to today, `from` to "
            + DEFAULT_DAYS + " days before `to`.")
    @APIResponse(responseCode = "200", description = "CSV with a header row.",
            content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "from or to is not a date, or from is after to (the field is named).")
    public Multi<String> ledger(@Parameter(description = "First day, YYYY-MM-DD") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD") @RestQuery String to) {
        LocalDate last = QueryParams.date("to", to, LocalDate.now(ZoneOffset.UTC));
        LocalDate first = QueryParams.date("from", from, last.minusDays(DEFAULT_DAYS));
        if (first.isAfter(last)) {
            throw RuleViolation.invalidQuery("from", "from (" + first + ") is after to (" + last + ")");
        }
        return attachment(exports.ledger(first, last), "ledger-" + first + "-" + last + ".csv");
    }

    @GET
    @Path("/purchase-orders")
    @Operation(operationId = "exportPurchaseOrders", summary = "Export purchase orders as CSV", description = "Viewer. "
            + "One row per order line, the order's facts repeated, of every order or of those in `status`.")
    @APIResponse(responseCode = "200", description = "CSV with a header row.",
            content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "status is not a purchase order status (field status).")
    public Multi<String> purchaseOrders(@Parameter(description = "DRAFT, SENT, PARTIALLY_RECEIVED, RECEIVED, CLOSED or CANCELLED")
            @RestQuery String status) {
        PurchaseOrderStatus wanted;
        try {
            wanted = status == null ? null : PurchaseOrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalidQuery("status", "not a purchase order status: " + status);
        }
        return attachment(exports.purchaseOrders(wanted), "purchase-orders.csv");
    }

    private static Multi<String> attachment(Multi<String> csv, String filename) {
        return RestMulti.fromMultiData(csv).withDemand(1).encodeAsJsonArray(false)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
