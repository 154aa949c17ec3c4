package io.stockline.alert.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;
import io.stockline.alert.domain.RuleViolation;

/** Turns a broken rule into RFC 9457 problem JSON that names the field at fault. */
public class RuleViolationMapper {

    @ServerExceptionMapper
    public Response map(RuleViolation violation) {
        int status = switch (violation.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
        String title = switch (violation.kind()) {
            case INVALID -> "Bad Request";
            case NOT_FOUND -> "Not Found";
            case CONFLICT -> "Conflict";
        };
        Violation.In in = violation.field().equals("id") ? Violation.In.path : Violation.In.body;
        return new HttpValidationProblem(status, title,
                List.of(in.field(violation.field()).message(violation.getMessage()))).toResponse();
    }
}
