package io.stockline.inventory.imports.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.imports.service.ImportReport;
import io.stockline.inventory.imports.service.ImportService;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/** Admins import spreadsheets: {@code ?dryRun=true} reports what would happen and changes nothing. */
@Path("/api/v1/imports")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Imports", description = "Spreadsheets (CSV) of items or opening stock, with a dry run and a report per row.")
public class ImportResource {

    private final ImportService imports;
    private final SecurityIdentity identity;

    public ImportResource(ImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @POST
    @Path("/{kind}")
    @Operation(operationId = "runImport", summary = "Import items or stock from CSV", description = "Imports a CSV of `items` (the catalog) or `stock` (opening balances, posted as ledger movements) and reports on every row; `dryRun=true` reports what would happen and changes nothing, and importing the same file again changes nothing more.")
    @Consumes("text/csv")
    public Uni<ImportReport> run(@RestPath String kind, @RestQuery Boolean dryRun, String body) {
        ImportService.Kind what = switch (kind) {
            case "items" -> ImportService.Kind.ITEMS;
            case "stock" -> ImportService.Kind.STOCK;
            default -> throw RuleViolation.unknownPath("kind", "imports are of items or stock");
        };
        return imports.run(what, body == null ? "" : body, Boolean.TRUE.equals(dryRun), Actor.of(identity));
    }
}
