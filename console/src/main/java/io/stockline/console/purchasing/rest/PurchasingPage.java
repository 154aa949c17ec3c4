package io.stockline.console.purchasing.rest;

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
import io.stockline.console.purchasing.service.PurchasingApi.PurchaseOrder;
import io.stockline.console.purchasing.service.PurchasingScreens;
import io.stockline.console.purchasing.service.PurchasingScreens.OrderScreen;
import io.stockline.console.purchasing.service.PurchasingScreens.Posted;
import io.stockline.console.purchasing.service.PurchasingScreens.ReceiptForm;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/**
 * Purchase orders: the open ones (or any status), one order's lines ordered, received and outstanding with its
 * receipts; operators receive against it, admins send, close and cancel it as its status allows.
 */
@Path("/purchasing")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class PurchasingPage {

    static final List<String> TABS = List.of("OPEN", "DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CLOSED",
            "CANCELLED");

    @CheckedTemplate(basePath = "purchasing")
    static class Templates {
        static native TemplateInstance orders(String status, List<String> tabs, List<PurchaseOrder> orders,
                ApiProblem problem);

        static native TemplateInstance order(OrderScreen screen, ReceiptForm receipt, ApiProblem problem,
                String done);
    }

    private final PurchasingScreens screens;

    PurchasingPage(PurchasingScreens screens) {
        this.screens = screens;
    }

    @GET
    public Response orders(@RestQuery String status) {
        String shown = status != null && TABS.contains(status) ? status : "OPEN";
        try {
            return Response.ok(Templates.orders(shown, TABS, screens.orders(shown), null)).build();
        } catch (WebApplicationException refusal) {
            return Response.status(502).entity(Templates.orders(shown, TABS, List.of(), ApiProblem.of(refusal)))
                    .build();
        }
    }

    @GET
    @Path("/{number}")
    public Response order(@RestPath String number, @RestQuery String done) {
        try {
            OrderScreen screen = screens.order(number);
            return Response.ok(Templates.order(screen, ReceiptForm.blankFor(screen.order()), null, done)).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return Response.status(problem.status() >= 500 ? 502 : problem.status())
                    .entity(Templates.orders("OPEN", TABS, List.of(), problem)).build();
        }
    }

    /** The form's rows by position: every row sends every field, so the lists line up. */
    @POST
    @Path("/{number}/receipts")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receive(@RestPath String number, @RestForm List<String> sku, @RestForm List<String> quantity,
            @RestForm List<String> damaged, @RestForm List<String> lot, @RestForm List<String> expiresOn,
            @RestForm String idempotencyKey) {
        OrderScreen before = screens.order(number);
        ReceiptForm form = ReceiptForm.posted(before.order(), sku, quantity, damaged, lot, expiresOn, idempotencyKey);
        Posted posted = screens.receive(number, form);
        if (posted.form() == null) {
            String done = Boolean.TRUE.equals(posted.received().replayed()) ? "replayed" : "received";
            return Response.seeOther(UriBuilder.fromPath("/purchasing/{number}").queryParam("done", done)
                    .build(number)).build();
        }
        int status = posted.problem() == null ? 422 : posted.problem().status() >= 500 ? 502 : 422;
        return Response.status(status).entity(Templates.order(before, posted.form(), posted.problem(), null)).build();
    }

    @POST
    @Path("/{number}/send")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@RestPath String number) {
        return step(number, "send", "sent");
    }

    @POST
    @Path("/{number}/close")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response close(@RestPath String number) {
        return step(number, "close", "closed");
    }

    @POST
    @Path("/{number}/cancel")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@RestPath String number) {
        return step(number, "cancel", "cancelled");
    }

    /** Post, redirect, get; a refusal (409 when the order's status does not allow the step) shows the order again. */
    private Response step(String number, String step, String done) {
        ApiProblem problem = screens.step(number, step);
        if (problem == null) {
            return Response.seeOther(UriBuilder.fromPath("/purchasing/{number}").queryParam("done", done)
                    .build(number)).build();
        }
        OrderScreen screen = screens.order(number);
        return Response.status(problem.status() >= 500 ? 502 : 422)
                .entity(Templates.order(screen, ReceiptForm.blankFor(screen.order()), problem, null)).build();
    }
}
