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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.alerts.service.SubscriptionApi.Subscription;
import io.stockline.console.alerts.service.SubscriptionScreens;
import io.stockline.console.alerts.service.SubscriptionScreens.SubscriptionForm;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/** Who is told about which alerts, where and how often: everyone reads the list, admins add, change and delete. */
@Path("/alerts/subscriptions")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class SubscriptionsPage {

    /** The fields the form shows a message beside; a problem about any other is listed above it. */
    static final List<String> FORM_FIELDS = List.of("name", "channel", "target", "secret", "kinds", "sku", "location",
            "digestTime");

    @CheckedTemplate(basePath = "alerts")
    static class Templates {
        static native TemplateInstance subscriptions(List<Subscription> subscriptions, SubscriptionForm form,
                List<String> kinds, List<String> channels, List<String> shownFields, ApiProblem problem, String done);
    }

    private final SubscriptionScreens screens;

    SubscriptionsPage(SubscriptionScreens screens) {
        this.screens = screens;
    }

    @GET
    public Response page(@RestQuery String edit, @RestQuery String done) {
        try {
            List<Subscription> all = screens.all();
            SubscriptionForm form = all.stream().filter(s -> s.id().equals(edit)).findFirst().map(SubscriptionForm::of)
                    .orElseGet(SubscriptionForm::blank);
            return Response.ok(page(all, form, null, done)).build();
        } catch (WebApplicationException refusal) {
            return Response.status(502).entity(page(List.of(), SubscriptionForm.blank(), ApiProblem.of(refusal), null))
                    .build();
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name, @RestForm String channel, @RestForm String target,
            @RestForm String secret, @RestForm List<String> kinds, @RestForm String sku, @RestForm String location,
            @RestForm String digest, @RestForm String digestTime, @RestForm String enabled) {
        return save(new SubscriptionForm(null, name, channel, target, secret, kinds, sku, location, digest != null,
                digestTime, enabled != null), "created");
    }

    @POST
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@RestPath String id, @RestForm String name, @RestForm String channel,
            @RestForm String target, @RestForm String secret, @RestForm List<String> kinds, @RestForm String sku,
            @RestForm String location, @RestForm String digest, @RestForm String digestTime,
            @RestForm String enabled) {
        return save(new SubscriptionForm(id, name, channel, target, secret, kinds, sku, location, digest != null,
                digestTime, enabled != null), "changed");
    }

    @POST
    @Path("/{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@RestPath String id) {
        ApiProblem problem = screens.delete(id);
        if (problem == null) {
            return done("deleted");
        }
        return refused(SubscriptionForm.blank(), problem);
    }

    private Response save(SubscriptionForm form, String done) {
        ApiProblem problem = screens.save(form);
        return problem == null ? done(done) : refused(form.withoutSecret(), problem);
    }

    private static Response done(String done) {
        return Response.seeOther(UriBuilder.fromPath("/alerts/subscriptions").queryParam("done", done).build()).build();
    }

    /** The form again as typed (less its secret), with the API's words beside the fields it names. */
    private Response refused(SubscriptionForm form, ApiProblem problem) {
        List<Subscription> all;
        try {
            all = screens.all();
        } catch (WebApplicationException again) {
            all = List.of();
        }
        return Response.status(problem.status() >= 500 ? 502 : 422).entity(page(all, form, problem, null)).build();
    }

    private static TemplateInstance page(List<Subscription> all, SubscriptionForm form, ApiProblem problem,
            String done) {
        return Templates.subscriptions(all, form, SubscriptionScreens.KINDS, SubscriptionScreens.CHANNELS, FORM_FIELDS,
                problem, done);
    }
}
