package io.stockline.console.orders.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.orders.service.AllocationApi;
import io.stockline.console.orders.service.AllocationApi.Allocation;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/**
 * Orders as allocation-service decided them, newest first: which locations ship each, split or not, what is
 * allocated and what backordered; one status at a time, or one order found by its id.
 */
@Path("/orders")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class OrdersPage {

    /** The statuses allocation-service lists (AllocationStatus); blank shows them all. */
    static final List<String> STATUSES = List.of("ALLOCATED", "BACKORDERED", "PENDING", "FAILED", "CANCELLED", "SHIPPED");

    static final int PAGE = 50;

    @CheckedTemplate(basePath = "orders")
    static class Templates {
        static native TemplateInstance orders(String status, List<String> statuses, String orderId,
                List<Allocation> allocations, String next, ApiProblem problem);
    }

    private final AllocationApi allocations;

    OrdersPage(@RestClient AllocationApi allocations) {
        this.allocations = allocations;
    }

    @GET
    public Response page(@RestQuery String status, @RestQuery String before, @RestQuery String orderId) {
        String shown = status != null && STATUSES.contains(status) ? status : "";
        String wanted = orderId == null ? "" : orderId.strip();
        try {
            if (!wanted.isEmpty()) {
                return Response.ok(Templates.orders(shown, STATUSES, wanted,
                        List.of(allocations.allocation(wanted)), null, null)).build();
            }
            AllocationApi.Page page = allocations.recent(shown.isEmpty() ? null : shown, PAGE,
                    before == null || before.isBlank() ? null : before);
            return Response.ok(Templates.orders(shown, STATUSES, "", page.allocations(), page.next(), null)).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            // an order nobody placed is an answer, not a failure of the page
            int code = problem.status() == 404 ? 404 : problem.status() >= 500 ? 502 : 422;
            return Response.status(code).entity(Templates.orders(shown, STATUSES, wanted, List.of(), null, problem))
                    .build();
        }
    }
}
