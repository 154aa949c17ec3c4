package io.stockline.platform.problem;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 problem JSON with the Bearer challenge. quarkus-resteasy-problem 3.21's own mapper for these fails on this
 * Quarkus (NoSuchFieldError in ChallengeData), so this one takes precedence.
 */
public class UnauthorizedMapper {

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthorized(UnauthorizedException e) {
        return challenge();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response failed(AuthenticationFailedException e) {
        return challenge();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response incomplete(AuthenticationCompletionException e) {
        return challenge();
    }

    private static Response challenge() {
        return HttpProblem.builder().withStatus(401).withTitle("Unauthorized")
                .withDetail("send Authorization: Bearer <token> with a viewer, operator or admin role")
                .withHeader("WWW-Authenticate", "Bearer").build().toResponse();
    }
}
