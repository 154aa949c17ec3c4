package io.stockline.console.imports.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.imports.service.ImportApi;
import io.stockline.console.imports.service.ImportApi.Report;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/**
 * Spreadsheets in (admins, as the API allows): a file is first read without changing anything (inventory's dry run),
 * its report shown row by row, and applied only when the person says so. The file travels back with the report
 * form, so the console keeps nothing between the two steps.
 */
@Path("/imports")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ImportPage {

    /** What inventory-service imports, with the columns each file needs (inventory-service/README.md). */
    static final List<Kind> KINDS = List.of(
            new Kind("stock", "Stock counts", "sku, location, quantity counted on hand"),
            new Kind("items", "Items", "sku, name, lotTracked?, backorderAllowed?, unitCost?"),
            new Kind("locations", "Locations",
                    "code, name, type, latitude?, longitude?, priority?, fulfilsOrders?, countries?"),
            new Kind("suppliers", "Suppliers", "code, name, currency, leadTimeDays, contact?, minimumOrderQuantity?,"
                    + " orderMultiple?, allowOverReceipt?"),
            new Kind("supplier-availability", "Dropship suppliers' availability", "supplier, sku, quantity"));

    /** Larger files are refused before they are read (the API's own request limit is the real one). */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    @CheckedTemplate(basePath = "imports")
    static class Templates {
        static native TemplateInstance imports(List<Kind> kinds, String kind, Report report, String csv,
                ApiProblem problem, String refusal);
    }

    private final ImportApi imports;

    ImportPage(@RestClient ImportApi imports) {
        this.imports = imports;
    }

    @GET
    public TemplateInstance page() {
        return Templates.imports(KINDS, "stock", null, null, null, null);
    }

    /** Step one: the uploaded file, read as a dry run. */
    @POST
    @Path("/check")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response check(@RestForm String kind, @RestForm("file") FileUpload file) {
        if (!known(kind)) {
            return refused(kind, "Choose what the file holds.");
        }
        if (file == null || file.size() == 0) {
            return refused(kind, "Choose a CSV file.");
        }
        if (file.size() > MAX_BYTES) {
            return refused(kind, "The file is larger than 10 MB: split it.");
        }
        String csv;
        try {
            csv = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            return refused(kind, "The file is not UTF-8 text: save it as CSV (UTF-8).");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(kind, csv, true);
    }

    /** Step two: the same file, applied. */
    @POST
    @Path("/apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(@RestForm String kind, @RestForm String csv) {
        if (!known(kind) || csv == null || csv.isBlank()) {
            return refused(kind, "Choose a file to check first.");
        }
        return run(kind, csv, false);
    }

    private Response run(String kind, String csv, boolean dryRun) {
        try {
            Report report = imports.importCsv(kind, dryRun, csv);
            return Response.ok(Templates.imports(KINDS, kind, report, dryRun ? csv : null, null, null)).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return Response.status(problem.status() >= 500 ? 502 : 422)
                    .entity(Templates.imports(KINDS, kind, null, null, problem, null)).build();
        }
    }

    private static Response refused(String kind, String why) {
        return Response.status(422).entity(Templates.imports(KINDS, known(kind) ? kind : "stock", null, null, null, why))
                .build();
    }

    private static boolean known(String kind) {
        return kind != null && KINDS.stream().anyMatch(k -> k.name().equals(kind));
    }

    public record Kind(String name, String label, String columns) {
    }
}
