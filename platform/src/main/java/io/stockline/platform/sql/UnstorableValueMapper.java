package io.stockline.platform.sql;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;
import io.stockline.platform.events.Failures;
import io.vertx.pgclient.PgException;

/**
 * A value of the request the database refuses to hold (SQLSTATE class 22, "data exception": a NUL character in a
 * text, a number out of the column's range, a date it cannot represent) is bad input, not a fault of the service: a
 * 400 problem with the database's complaint, never a 500 (the fuzz tests sent {@code GET /api/v1/allocations/a%00b}).
 * Any other database failure stays a 500.
 */
public class UnstorableValueMapper {

    @ServerExceptionMapper
    public Response map(PgException failure) {
        String complaint = Failures.dataException(failure);
        if (complaint == null) {
            Log.error("database failure", failure);
            return HttpProblem.builder().withStatus(500).withTitle("Internal Server Error").build().toResponse();
        }
        return HttpProblem.builder().withStatus(400).withTitle("Bad Request")
                .withDetail("a value of the request cannot be stored: " + complaint).build().toResponse();
    }
}
