package io.stockline.platform.sql;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.hibernate.JDBCException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;

/**
 * A value of the request the database refuses to hold (SQLSTATE class 22, "data exception": a NUL character in a
 * text, a number out of the column's range, a date it cannot represent) is bad input, not a fault of the service: a
 * 400 problem with the database's complaint, never a 500 (the fuzz tests sent {@code GET /api/v1/allocations/a%00b}).
 * Any other database failure stays a 500.
 */
public class UnstorableValueMapper {

    static final String DATA_EXCEPTION = "22";

    @ServerExceptionMapper
    public Response map(JDBCException failure) {
        return respond(failure);
    }

    @ServerExceptionMapper
    public Response map(PgException failure) {
        return respond(failure);
    }

    private static Response respond(Throwable failure) {
        String complaint = dataException(failure);
        if (complaint == null) {
            Log.error("database failure", failure);
            return HttpProblem.builder().withStatus(500).withTitle("Internal Server Error").build().toResponse();
        }
        return HttpProblem.builder().withStatus(400).withTitle("Bad Request")
                .withDetail("a value of the request cannot be stored: " + complaint).build().toResponse();
    }

    /** The database's message when {@code failure} (or a cause) is a data exception, else null. */
    static String dataException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = cause instanceof PgException pg ? pg.getSqlState()
                    : cause instanceof SQLException sql ? sql.getSQLState()
                    : cause instanceof JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null && state.startsWith(DATA_EXCEPTION)) {
                return cause instanceof PgException pg ? pg.getErrorMessage() : cause.getMessage();
            }
        }
        return null;
    }
}
