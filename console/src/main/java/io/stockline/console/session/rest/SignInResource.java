package io.stockline.console.session.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.session.config.ConsoleConfig;
import io.stockline.console.session.service.SessionTokens;
import io.stockline.console.web.SignInRedirect.Cookies;

/**
 * Signing in: a person pastes a token (deploy/local/token prints one; a deployment's identity provider issues them),
 * the console checks it as the services would and keeps it in an HttpOnly, SameSite=Strict cookie, never in the page.
 * On the local run, a development sign-in per role.
 */
@Path("/")
@PermitAll
public class SignInResource {

    @CheckedTemplate(basePath = "session")
    static class Templates {
        static native TemplateInstance signIn(boolean devSignIn, List<String> roles, String refusal);
    }

    private final SessionTokens tokens;
    private final ConsoleConfig config;

    SignInResource(SessionTokens tokens, ConsoleConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home() {
        return Response.seeOther(URI.create("/overview")).build();
    }

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signInPage() {
        return Templates.signIn(tokens.devSignInEnabled(), SessionTokens.PERSON_ROLES, null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@RestForm String token) {
        SessionTokens.Checked checked = tokens.check(token);
        if (!checked.ok()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.signIn(tokens.devSignInEnabled(), SessionTokens.PERSON_ROLES, checked.refusal())).build();
        }
        long secondsLeft = checked.token().getExpirationTime() - Instant.now().getEpochSecond();
        return signedIn(checked.token().getRawToken(), (int) Math.max(0, secondsLeft));
    }

    @POST
    @Path("sign-in/development")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response developmentSignIn(@RestForm String role) {
        if (!tokens.devSignInEnabled()) {
            throw new NotFoundException();
        }
        if (!SessionTokens.PERSON_ROLES.contains(role)) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signIn(true, SessionTokens.PERSON_ROLES, "Choose viewer, operator or admin.")).build();
        }
        return signedIn(tokens.mintDevelopmentToken(role), (int) tokens.devSignInLength().toSeconds());
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create("/sign-in")).cookie(Cookies.cleared(config)).build();
    }

    private Response signedIn(String token, int maxAgeSeconds) {
        return Response.seeOther(URI.create("/overview")).cookie(Cookies.session(config, token, maxAgeSeconds)).build();
    }
}
