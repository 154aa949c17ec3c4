package io.stockline.console.transfers.rest;

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
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.transfers.service.TransferApi.Transfer;
import io.stockline.console.transfers.service.TransferScreens;
import io.stockline.console.web.ApiProblem;
import io.stockline.console.web.FormValues;
import io.stockline.platform.security.Roles;

/** Open transfers between locations; operators ship drafts and receive what is in transit. */
@Path("/transfers")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class TransfersPage {

    @CheckedTemplate(basePath = "transfers")
    static class Templates {
        static native TemplateInstance transfers(List<Transfer> transfers, ApiProblem problem, String problemNumber,
                String done, String newKey, String keptKey);
    }

    private final TransferScreens screens;

    TransfersPage(TransferScreens screens) {
        this.screens = screens;
    }

    @GET
    public Response page(@RestQuery String done) {
        try {
            return Response.ok(Templates.transfers(screens.open(), null, null, done,
                    FormValues.newIdempotencyKey(), null)).build();
        } catch (WebApplicationException refusal) {
            return Response.status(502).entity(Templates.transfers(List.of(), ApiProblem.of(refusal), null, null,
                    FormValues.newIdempotencyKey(), null)).build();
        }
    }

    @POST
    @Path("/{number}/ship")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ship(@RestPath String number) {
        return answered(number, "shipped", screens.ship(number), null);
    }

    /** The lines and quantities the button showed as in transit travel with it, so a second press repeats the first. */
    @POST
    @Path("/{number}/receipts")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receive(@RestPath String number, @RestForm List<String> sku, @RestForm List<String> quantity,
            @RestForm String idempotencyKey) {
        return answered(number, "received", screens.receive(number, sku, quantity, idempotencyKey), idempotencyKey);
    }

    /**
     * Post, redirect, get; a refusal shows the page again with the API's words beside the transfer. After a 5xx the
     * receipt keeps its key (the API may have booked it before failing, so a retry must not book it twice); after
     * a 4xx it recorded nothing, so a new key.
     */
    private Response answered(String number, String done, ApiProblem problem, String postedKey) {
        if (problem == null) {
            return Response.seeOther(UriBuilder.fromPath("/transfers").queryParam("done", done).build()).build();
        }
        List<Transfer> open;
        try {
            open = screens.open();
        } catch (WebApplicationException again) {
            open = List.of();
        }
        return Response.status(problem.status() >= 500 ? 502 : 422)
                .entity(Templates.transfers(open, problem, number, null, FormValues.newIdempotencyKey(),
                        problem.status() >= 500 ? postedKey : null))
                .build();
    }
}
