package io.stockline.console.planning.rest;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.planning.service.PlanningApi.SupplierSuggestions;
import io.stockline.console.planning.service.PlanningScreens;
import io.stockline.console.planning.service.PlanningScreens.Drafted;
import io.stockline.console.planning.service.PlanningScreens.Restock;
import io.stockline.console.purchasing.service.PurchasingApi.PurchaseOrder;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/**
 * Reorder suggestions by supplier, which operators turn into draft purchase orders (an admin sends them); and an
 * item's "when will it restock?", which the stock page loads into itself.
 */
@Path("/planning")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class PlanningPage {

    @CheckedTemplate(basePath = "planning")
    static class Templates {
        static native TemplateInstance suggestions(String location, String supplier, List<SupplierSuggestions> suppliers,
                List<String> drafted, ApiProblem problem);

        static native TemplateInstance restock(Restock restock);

        static native TemplateInstance restock$line(Restock restock);
    }

    private final PlanningScreens screens;

    PlanningPage(PlanningScreens screens) {
        this.screens = screens;
    }

    @GET
    public Response suggestions(@RestQuery String location, @RestQuery String supplier, @RestQuery String drafted) {
        List<String> draftedOrders = drafted == null || drafted.isBlank() ? List.of()
                : Arrays.stream(drafted.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            return Response.ok(Templates.suggestions(location, supplier,
                    screens.suggestions(location, supplier).suppliers(), draftedOrders, null)).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return Response.status(problem.status() >= 500 ? 502 : 422)
                    .entity(Templates.suggestions(location, supplier, List.of(), List.of(), problem)).build();
        }
    }

    /** Drafts one order per location from the supplier's suggestions as they stand (all or none). */
    @POST
    @Path("/suppliers/{supplier}/purchase-orders")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response order(@RestPath String supplier, @RestForm String location) {
        Drafted drafted = screens.order(supplier, location);
        if (drafted.problem() == null) {
            String numbers = drafted.ordered().purchaseOrders() == null ? ""
                    : drafted.ordered().purchaseOrders().stream().map(PurchaseOrder::number)
                            .collect(Collectors.joining(","));
            UriBuilder back = UriBuilder.fromPath("/planning").queryParam("drafted", numbers);
            if (location != null && !location.isBlank()) {
                back.queryParam("location", location);
            }
            return Response.seeOther(back.build()).build();
        }
        List<SupplierSuggestions> suppliers;
        try {
            suppliers = screens.suggestions(location, null).suppliers();
        } catch (WebApplicationException again) {
            suppliers = List.of();
        }
        return Response.status(drafted.problem().status() >= 500 ? 502 : 422)
                .entity(Templates.suggestions(location, null, suppliers, List.of(), drafted.problem())).build();
    }

    /** The whole page, or (asked by htmx from the stock page) the restock line alone. */
    @GET
    @Path("/items/{sku}")
    public TemplateInstance restock(@RestPath String sku, @RestHeader("HX-Request") String htmx) {
        Restock restock = screens.restock(sku);
        return "true".equals(htmx) ? Templates.restock$line(restock) : Templates.restock(restock);
    }
}
