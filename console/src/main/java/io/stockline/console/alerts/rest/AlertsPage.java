package io.stockline.console.alerts.rest;

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

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.alerts.service.AlertApi;
import io.stockline.console.alerts.service.AlertApi.Alert;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/** Open alerts, newest first as alert-service lists them; operators acknowledge. */
@Path("/alerts")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class AlertsPage {

    static final List<String> STATUSES = List.of("OPEN", "RESOLVED", "NOTICE");

    @CheckedTemplate(basePath = "alerts")
    static class Templates {
        static native TemplateInstance alerts(String status, List<String> statuses, List<Alert> alerts,
                ApiProblem problem, String done);
    }

    private final AlertApi alerts;

    AlertsPage(@RestClient AlertApi alerts) {
        this.alerts = alerts;
    }

    @GET
    public Response page(@RestQuery String status, @RestQuery String done) {
        String shown = status != null && STATUSES.contains(status) ? status : "OPEN";
        try {
            return Response.ok(Templates.alerts(shown, STATUSES, alerts.alerts(shown, 100), null, done)).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return Response.status(502).entity(Templates.alerts(shown, STATUSES, List.of(), problem, null)).build();
        }
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@RestPath String id) {
        try {
            alerts.acknowledge(id);
            return Response.seeOther(UriBuilder.fromPath("/alerts").queryParam("done", "acknowledged").build()).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            List<Alert> open;
            try {
                open = alerts.alerts("OPEN", 100);
            } catch (WebApplicationException again) {
                open = List.of();
            }
            return Response.status(422).entity(Templates.alerts("OPEN", STATUSES, open, problem, null)).build();
        }
    }
}
