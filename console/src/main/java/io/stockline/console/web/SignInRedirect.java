package io.stockline.console.web;

import java.net.URI;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.stockline.console.session.config.ConsoleConfig;

/**
 * A page asked for without a valid sign-in goes to the sign-in page (a token that expired or was refused is
 * cleared); a role that may not do something gets 403 with a page saying so.
 */
public class SignInRedirect {

    private final ConsoleConfig config;

    SignInRedirect(ConsoleConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response signIn() {
        return Response.seeOther(URI.create("/sign-in")).cookie(Cookies.cleared(config)).build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).type("text/html;charset=UTF-8")
                .entity(Pages.forbidden().render()).build();
    }

    /** The session cookie as the console sets and clears it. */
    public static final class Cookies {

        private Cookies() {
        }

        public static NewCookie session(ConsoleConfig config, String token, int maxAgeSeconds) {
            return new NewCookie.Builder(config.sessionCookie()).value(token).path("/").httpOnly(true)
                    .secure(config.secureCookie()).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAgeSeconds).build();
        }

        public static NewCookie cleared(ConsoleConfig config) {
            return session(config, "", 0);
        }
    }
}
