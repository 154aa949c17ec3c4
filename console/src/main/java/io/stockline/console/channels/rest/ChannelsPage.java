package io.stockline.console.channels.rest;

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

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.channels.service.ChannelScreens;
import io.stockline.console.channels.service.ChannelScreens.ChannelScreen;
import io.stockline.console.channels.service.ChannelScreens.ChannelsScreen;
import io.stockline.console.channels.service.ChannelScreens.Row;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/** Channels at a glance: state, lag, pending pushes, last error class; the table refreshes itself (htmx). */
@Path("/channels")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class ChannelsPage {

    @CheckedTemplate(basePath = "channels")
    static class Templates {
        static native TemplateInstance channels(List<Row> rows, ApiProblem problem, String done);

        static native TemplateInstance channels$table(List<Row> rows, ApiProblem problem);

        static native TemplateInstance channel(String id, ChannelScreen screen, ApiProblem problem);
    }

    private final ChannelScreens screens;

    ChannelsPage(ChannelScreens screens) {
        this.screens = screens;
    }

    /**
     * The page, or the table alone for the page's own refresh every 5 s (htmx says so in its HX-Request header): under
     * /channels/ every name is a channel's, since a channel may be called anything, "table" too.
     */
    @GET
    public TemplateInstance page(@RestQuery String done, @RestHeader("HX-Request") String htmxRequest) {
        List<Row> rows = List.of();
        ApiProblem problem = null;
        try {
            ChannelsScreen screen = screens.rows();
            rows = screen.rows();
            problem = screen.problem();
        } catch (WebApplicationException refusal) {
            problem = ApiProblem.of(refusal);
        }
        return "true".equals(htmxRequest) ? Templates.channels$table(rows, problem)
                : Templates.channels(rows, problem, done);
    }

    /** One channel: per SKU what is wanted and what the marketplace holds, rejected listings, calls in the hour. */
    @GET
    @Path("/{id}")
    public Response channel(@RestPath String id) {
        try {
            return Response.ok(Templates.channel(id, screens.channel(id), null)).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return Response.status(problem.status() == 404 ? 404 : 502).entity(Templates.channel(id, null, problem))
                    .build();
        }
    }

    @POST
    @Path("/{id}/reconcile")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reconcile(@RestPath String id) {
        ApiProblem problem = screens.reconcile(id);
        if (problem == null) {
            return Response.seeOther(UriBuilder.fromPath("/channels").queryParam("done", "reconcile").build()).build();
        }
        List<Row> rows;
        try {
            rows = screens.rows().rows();
        } catch (WebApplicationException refusal) {
            rows = List.of();
        }
        return Response.status(422).entity(Templates.channels(rows, problem, null)).build();
    }

}
