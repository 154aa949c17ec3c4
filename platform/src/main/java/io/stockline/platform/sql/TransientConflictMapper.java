package io.stockline.platform.sql;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * A deadlock or serialization failure is the database asking to try again, not a fault of the service: 503 problem
 * with Retry-After, never 500. Reached when {@link TransientConflicts#retried} gave up; the caller's own retry
 * then applies (an Idempotency-Key makes that safe).
 */
public class TransientConflictMapper {

    @ServerExceptionMapper
    public Response map(TransientConflicts.Exhausted exhausted) {
        return unavailable(exhausted.getMessage());
    }

    private static Response unavailable(String detail) {
        return HttpProblem.builder().withStatus(503).withTitle("Service Unavailable").withDetail(detail)
                .withHeader("Retry-After", 1).build().toResponse();
    }
}
