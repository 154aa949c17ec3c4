package io.stockline.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;

/** Turns a broken rule into RFC 9457 problem JSON whose {@code violations} name the field at fault and where it is. */
public class RuleViolationMapper {

    @ServerExceptionMapper
    public Response map(RuleViolation violation) {
        return toResponse(violation);
    }

    public static Response toResponse(RuleViolation violation) {
        return new HttpValidationProblem(violation.status(), violation.title(),
                List.of(where(violation.in()).field(violation.field()).message(violation.getMessage()))).toResponse();
    }

    static Violation.In where(RuleViolation.In in) {
        return switch (in) {
            case BODY -> Violation.In.body;
            case PATH -> Violation.In.path;
            case QUERY -> Violation.In.query;
            case HEADER -> Violation.In.header;
        };
    }
}
