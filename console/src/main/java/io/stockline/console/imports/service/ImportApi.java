package io.stockline.console.imports.service;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** inventory-service's CSV imports (POST /api/v1/imports/{kind}, admins; ?dryRun=true changes nothing). */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/imports")
public interface ImportApi {

    @POST
    @Path("/{kind}")
    @Consumes("text/csv")
    Report importCsv(@PathParam("kind") String kind, @QueryParam("dryRun") boolean dryRun, String csv);

    record Report(String kind, boolean dryRun, int rows, int applied, int unchanged, int rejected,
            List<Problem> problems) {
    }

    /** One rejected cell: its row (the header is row 1), its column and what is wrong with it. */
    record Problem(int row, String column, String message) {
    }
}
