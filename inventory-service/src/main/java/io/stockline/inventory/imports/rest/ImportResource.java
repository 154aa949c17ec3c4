package io.stockline.inventory.imports.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.imports.service.ImportReport;
import io.stockline.inventory.imports.service.ImportService;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/**
 * Admins import spreadsheets (CSV with a header row): {@code ?dryRun=true} reports what would happen and changes
 * nothing; a real import applies every good row and reports the bad ones; importing a file again changes nothing.
 */
@Path("/api/v1/imports")
@RolesAllowed(Roles.ADMIN)
@Consumes("text/csv")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "CSV imports of items, locations, suppliers and stock counts, with a per-row report.")
public class ImportResource {

    private static final String DRY_RUN = "Check and report only; change nothing: true or false. Any other value is"
            + " refused (400), not read as false.";
    private static final String REPORT = "The report: rows read, applied, unchanged, rejected, and one problem (row, column, message) per rejected row.";

    private final ImportService imports;
    private final SecurityIdentity identity;

    public ImportResource(ImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @POST
    @Path("/items")
    @Operation(operationId = "importItems", summary = "Import items from CSV", description = "Admin only. Columns: "
            + "sku, name, lotTracked?, backorderAllowed?, unitCost?. New items are created with their item-changed "
            + "event; an item that exists as the row says is unchanged, one with other values is a rejected row.")
    @APIResponse(responseCode = "200", description = REPORT)
    @APIResponse(responseCode = "400", description = "The file is not CSV or lacks a needed column (field header or body).")
    public Uni<ImportReport> items(@Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String dryRun,
            String body) {
        return run(ImportService.Kind.ITEMS, dryRun, body);
    }

    @POST
    @Path("/stock")
    @Operation(operationId = "importStock", summary = "Import stock counts from CSV", description = "Admin only. "
            + "Columns: sku, location, quantity (the units counted on hand). Each row that differs from what is on "
            + "hand is a COUNT_CORRECTION on the ledger with its inventory.stock-changed event; a file imported again "
            + "changes nothing.")
    @APIResponse(responseCode = "200", description = REPORT)
    @APIResponse(responseCode = "400", description = "The file is not CSV or lacks a needed column (field header or body).")
    public Uni<ImportReport> stock(@Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String dryRun,
            String body) {
        return run(ImportService.Kind.STOCK, dryRun, body);
    }

    @POST
    @Path("/locations")
    @Operation(operationId = "importLocations", summary = "Import locations from CSV", description = "Admin only. "
            + "Columns: code, name, type, latitude?, longitude?, priority?, fulfilsOrders?, countries? (ISO codes "
            + "separated by semicolons). New locations are created with their location-changed event.")
    @APIResponse(responseCode = "200", description = REPORT)
    @APIResponse(responseCode = "400", description = "The file is not CSV or lacks a needed column (field header or body).")
    public Uni<ImportReport> locations(@Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String dryRun,
            String body) {
        return run(ImportService.Kind.LOCATIONS, dryRun, body);
    }

    @POST
    @Path("/suppliers")
    @Operation(operationId = "importSuppliers", summary = "Import suppliers from CSV", description = "Admin only. "
            + "Columns: code, name, currency, leadTimeDays, contact?, minimumOrderQuantity?, orderMultiple?, "
            + "allowOverReceipt?.")
    @APIResponse(responseCode = "200", description = REPORT)
    @APIResponse(responseCode = "400", description = "The file is not CSV or lacks a needed column (field header or body).")
    public Uni<ImportReport> suppliers(@Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String dryRun,
            String body) {
        return run(ImportService.Kind.SUPPLIERS, dryRun, body);
    }

    @POST
    @Path("/supplier-availability")
    @Operation(operationId = "importSupplierAvailability", summary = "Import dropship suppliers' availability from CSV",
            description = "Admin only. Columns: supplier, sku, quantity (what the supplier can ship now of a DROPSHIP "
                    + "item it sells). Each row is set as PUT /suppliers/{code}/items/{sku}/availability sets it: a "
                    + "SUPPLIER_AVAILABILITY movement and its inventory.stock-changed event when the number changes; "
                    + "a number already shown is unchanged.")
    @APIResponse(responseCode = "200", description = REPORT)
    @APIResponse(responseCode = "400", description = "The file is not CSV or lacks a needed column (field header or body).")
    public Uni<ImportReport> supplierAvailability(
            @Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String dryRun, String body) {
        return run(ImportService.Kind.SUPPLIER_AVAILABILITY, dryRun, body);
    }

    /** Any other kind: a problem naming the path's kind rather than a bare 404. */
    @POST
    @Path("/{kind}")
    @Operation(hidden = true)
    public Uni<ImportReport> unknown(@RestPath String kind) {
        throw RuleViolation.unknownPath("kind", "imports are of items, stock, locations, suppliers or supplier-availability");
    }

    private Uni<ImportReport> run(ImportService.Kind kind, String dryRun, String body) {
        return imports.run(kind, body == null ? "" : body, QueryParams.flag("dryRun", dryRun), Actor.of(identity));
    }
}
