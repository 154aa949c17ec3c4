package io.stockline.channel.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;
import io.stockline.channel.domain.RuleViolation;

/** Turns a broken rule into RFC 9457 problem JSON that names the field(s) at fault. */
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
        return new HttpValidationProblem(status, title, violation.errors().stream()
                .map(error -> Violation.In.body.field(error.field()).message(error.message())).toList()).toResponse();
    }
}
