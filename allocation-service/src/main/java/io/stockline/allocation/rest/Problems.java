package io.stockline.allocation.rest;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;

/** RFC 9457 problems that name the field at fault. */
final class Problems {

    private Problems() {
    }

    static WebApplicationException notFound(String field, String message) {
        return new WebApplicationException(new HttpValidationProblem(404, "Not Found",
                List.of(Violation.In.path.field(field).message(message))).toResponse());
    }

    static WebApplicationException badRequest(String field, String message) {
        return new WebApplicationException(new HttpValidationProblem(400, "Bad Request",
                List.of(Violation.In.body.field(field).message(message))).toResponse());
    }
}
